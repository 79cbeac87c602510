package org.gqaspark.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class S3ProxyServerTest {

  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();

  @Test
  void objectRoundTrip() throws IOException {
    SparkSession spark = SparkTestSession.get();
    S3.configure(spark);
    Path path = new Path(S3.uri("objects/hello.txt"));
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());

    try (OutputStream out = fs.create(path)) {
      out.write("hello s3a".getBytes(StandardCharsets.UTF_8));
    }
    String read;
    try (InputStream in = fs.open(path)) {
      read = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    assertEquals("hello s3a", read);
    assertTrue(Files.isRegularFile(S3.folder().resolve("objects/hello.txt")));
  }

  @Test
  void deltaTableRoundTrip() {
    SparkSession spark = SparkTestSession.get();
    S3.configure(spark);
    String table = S3.uri("tables/numbers");
    Dataset<Row> numbers = spark.createDataset(List.of(1, 2, 3), Encoders.INT()).toDF("n");

    numbers.write().format("delta").mode("overwrite").save(table);
    numbers.write().format("delta").mode("append").save(table);
    long sum = spark.read().format("delta").load(table)
        .agg(org.apache.spark.sql.functions.sum("n")).first().getLong(0);

    assertEquals(12L, sum);
  }

  @Test
  void endpointIsLoopback() {
    URI endpoint = URI.create(S3.endpoint());

    assertEquals("127.0.0.1", endpoint.getHost());
  }
}
