package org.gqaspark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gqaspark.spark.S3Settings;
import org.gqaspark.spark.SparkSessions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An S3 server for tests: s3proxy in this JVM on 127.0.0.1 and a free port, storing objects
 * in a temporary folder, with one bucket created. Use it as a JUnit 5 extension, which
 * starts the server before the class's tests and deletes everything after them:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final S3ProxyServer S3 = new S3ProxyServer();
 *
 * &#64;Test
 * void writesTable() {
 *   SparkSession spark = SparkTestSession.get();
 *   S3.configure(spark);                       // s3a options for this bucket only
 *   String path = S3.uri("tables/examples");   // s3a://BUCKET/tables/examples
 *   ...
 * }
 * </pre>
 *
 * or as an {@link AutoCloseable} with {@link #start()} in try-with-resources. Each server
 * gets its own bucket name and its options are scoped to that bucket ({@code
 * fs.s3a.bucket.NAME.*}), so servers of different test classes can configure the same shared
 * Spark session without clashing. {@link #settings()} returns the same connection as {@link
 * S3Settings} for code that builds its own session or job configuration.
 */
public final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  public static final String ACCESS_KEY = "gqa-test-access";
  public static final String SECRET_KEY = "gqa-test-secret";

  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private final String bucket;
  private Path folder;
  private S3Proxy proxy;

  /** Creates a server that is not started yet; its bucket name is unique in this JVM. */
  public S3ProxyServer() {
    this.bucket = "gqa-test-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
  }

  /** Returns a started server; close it to stop the server and delete its folder. */
  public static S3ProxyServer start() {
    S3ProxyServer server = new S3ProxyServer();
    server.startServer();
    return server;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startServer();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Returns the bucket that the server created. */
  public String bucket() {
    return bucket;
  }

  /** Returns the endpoint, such as {@code http://127.0.0.1:41234}. */
  public String endpoint() {
    requireStarted();
    return "http://127.0.0.1:" + proxy.getPort();
  }

  /** Returns the s3a URI of a key in the bucket: {@code s3a://BUCKET/key}. */
  public String uri(String key) {
    return "s3a://" + bucket + "/" + key;
  }

  /** Returns the connection settings, scoped to this server's bucket. */
  public S3Settings settings() {
    return S3Settings.localServer(bucket, endpoint(), ACCESS_KEY, SECRET_KEY);
  }

  /** Points the session's s3a file system at this server for this server's bucket. */
  public void configure(SparkSession spark) {
    SparkSessions.applyS3(spark, settings());
  }

  /** Returns the folder where the server stores the bucket's objects, one file per key. */
  public Path folder() {
    requireStarted();
    return folder.resolve(bucket);
  }

  /** Stops the server and deletes its folder; does nothing when it is not running. */
  @Override
  public void close() {
    if (proxy == null) {
      return;
    }
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop s3proxy on " + endpoint(), e);
    } finally {
      proxy = null;
      deleteFolder();
    }
  }

  private void startServer() {
    if (proxy != null) {
      throw new IllegalStateException("s3proxy is already running on " + endpoint());
    }
    try {
      folder = Files.createTempDirectory("gqa-s3proxy");
      Properties properties = new Properties();
      properties.setProperty("jclouds.filesystem.basedir", folder.toRealPath().toString());
      BlobStore store = BlobStores.create("filesystem", properties);
      store.createContainer(bucket);

      // Port 0 lets the server take a free port; getPort() returns it once started.
      proxy = S3Proxy.builder()
          .blobStore(store)
          .endpoint(URI.create("http://127.0.0.1:0"))
          .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
          // hadoop-aws sends headers that s3proxy does not implement, such as checksum hints.
          .ignoreUnknownHeaders(true)
          .build();
      proxy.start();
      while (!"STARTED".equals(proxy.getState())) {
        Thread.sleep(10);
      }
    } catch (Exception e) {
      deleteFolder();
      proxy = null;
      throw new IllegalStateException("Could not start s3proxy on 127.0.0.1", e);
    }
  }

  private void requireStarted() {
    if (proxy == null) {
      throw new IllegalStateException("s3proxy is not running: register the server with"
          + " @RegisterExtension or call S3ProxyServer.start().");
    }
  }

  private void deleteFolder() {
    if (folder == null) {
      return;
    }
    try {
      Files.walkFileTree(folder, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete the s3proxy folder " + folder, e);
    } finally {
      folder = null;
    }
  }
}
