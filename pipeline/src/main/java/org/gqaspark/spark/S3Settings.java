package org.gqaspark.spark;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Connection settings of the s3a file system (hadoop-aws) for one bucket, or for every bucket
 * when {@code bucket} is null. A bucket-scoped block becomes Hadoop's per-bucket options
 * ({@code fs.s3a.bucket.NAME.endpoint}, ...), so one job can read corpora from one store and
 * write tables to another, and several test servers can share one Spark session.
 *
 * @param bucket the bucket these settings apply to, or null for all buckets
 * @param endpoint the S3 endpoint URI, such as {@code http://127.0.0.1:9000}; null for AWS
 * @param region the signing region ({@code fs.s3a.endpoint.region}); null lets hadoop-aws
 *     choose
 * @param pathStyleAccess whether URLs name the bucket in the path instead of the host name;
 *     local and most non-AWS servers need true
 * @param sslEnabled whether to use TLS; null derives it from the endpoint scheme ({@code http}
 *     turns it off)
 * @param credentialsProvider the credentials provider class names, comma-separated; null keeps
 *     hadoop-aws's chain, which uses the keys below when they are set
 * @param accessKey the access key id, or null
 * @param secretKey the secret access key, or null; never logged
 */
public record S3Settings(
    String bucket,
    String endpoint,
    String region,
    boolean pathStyleAccess,
    Boolean sslEnabled,
    String credentialsProvider,
    String accessKey,
    String secretKey) implements Serializable {

  /** The hadoop-aws provider that reads {@code fs.s3a.access.key} and {@code fs.s3a.secret.key}. */
  public static final String SIMPLE_CREDENTIALS_PROVIDER =
      "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider";

  // S3 bucket names: 3 to 63 lower-case letters, digits, dots and hyphens.
  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public S3Settings {
    String scope = bucket == null ? "all buckets" : "bucket " + bucket;
    if (bucket != null && !BUCKET_NAME.matcher(bucket).matches()) {
      throw SparkErrors.invalidValue("s3.bucket", bucket,
          "an S3 bucket name (3 to 63 lower-case letters, digits, dots and hyphens)");
    }
    if (endpoint != null) {
      checkEndpoint(endpoint);
    }
    if ((accessKey == null) != (secretKey == null)) {
      throw SparkErrors.incompleteKeyPair(scope);
    }
  }

  /** Returns settings for a local S3 server: path-style access, static keys, no TLS for http. */
  public static S3Settings localServer(
      String bucket, String endpoint, String accessKey, String secretKey) {
    return new S3Settings(bucket, endpoint, "us-east-1", true, null, SIMPLE_CREDENTIALS_PROVIDER,
        accessKey, secretKey);
  }

  /** Returns whether TLS is on: the explicit setting, else false only for an http endpoint. */
  public boolean tls() {
    if (sslEnabled != null) {
      return sslEnabled;
    }
    return endpoint == null || !endpoint.startsWith("http://");
  }

  /**
   * Returns the Hadoop configuration options for these settings, without the {@code
   * spark.hadoop.} prefix, scoped to the bucket when there is one.
   */
  public Map<String, String> hadoopOptions() {
    String prefix = bucket == null ? "fs.s3a." : "fs.s3a.bucket." + bucket + ".";
    Map<String, String> options = new LinkedHashMap<>();
    if (endpoint != null) {
      options.put(prefix + "endpoint", endpoint);
    }
    if (region != null) {
      options.put(prefix + "endpoint.region", region);
    }
    options.put(prefix + "path.style.access", Boolean.toString(pathStyleAccess));
    options.put(prefix + "connection.ssl.enabled", Boolean.toString(tls()));
    if (credentialsProvider != null) {
      options.put(prefix + "aws.credentials.provider", credentialsProvider);
    }
    if (accessKey != null) {
      options.put(prefix + "access.key", accessKey);
      options.put(prefix + "secret.key", secretKey);
    }
    return options;
  }

  /** Describes the settings without the secret key. */
  @Override
  public String toString() {
    return "S3Settings[bucket=" + (bucket == null ? "*" : bucket) + ", endpoint=" + endpoint
        + ", region=" + region + ", pathStyleAccess=" + pathStyleAccess + ", tls=" + tls()
        + ", credentialsProvider=" + credentialsProvider + ", accessKey=" + accessKey
        + ", secretKey=" + (secretKey == null ? "null" : "(hidden)") + "]";
  }

  private static void checkEndpoint(String endpoint) {
    boolean valid;
    try {
      URI uri = new URI(endpoint);
      boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      valid = http && uri.getHost() != null;
    } catch (URISyntaxException e) {
      valid = false;
    }
    if (!valid) {
      throw SparkErrors.invalidValue("s3.endpoint", endpoint,
          "an http:// or https:// URI with a host, such as http://127.0.0.1:9000");
    }
  }
}
