package org.gqaspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3SettingsTest {

  @Test
  void bucketScopedOptions() {
    S3Settings settings = S3Settings.localServer("corpora", "http://127.0.0.1:9000", "key",
        "secret");

    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("fs.s3a.bucket.corpora.endpoint", "http://127.0.0.1:9000");
    expected.put("fs.s3a.bucket.corpora.endpoint.region", "us-east-1");
    expected.put("fs.s3a.bucket.corpora.path.style.access", "true");
    expected.put("fs.s3a.bucket.corpora.connection.ssl.enabled", "false");
    expected.put("fs.s3a.bucket.corpora.aws.credentials.provider",
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    expected.put("fs.s3a.bucket.corpora.access.key", "key");
    expected.put("fs.s3a.bucket.corpora.secret.key", "secret");
    assertEquals(expected, settings.hadoopOptions());
  }

  @Test
  void globalOptionsWithoutKeys() {
    S3Settings settings = new S3Settings(null, null, "eu-west-1", false, null, null, null, null);

    assertEquals(Map.of(
        "fs.s3a.endpoint.region", "eu-west-1",
        "fs.s3a.path.style.access", "false",
        "fs.s3a.connection.ssl.enabled", "true"), settings.hadoopOptions());
  }

  @Test
  void tlsFollowsScheme() {
    assertFalse(new S3Settings(null, "http://minio:9000", null, true, null, null, null, null)
        .tls());
    assertTrue(new S3Settings(null, "https://s3.example.com", null, true, null, null, null, null)
        .tls());
    assertTrue(new S3Settings(null, "http://minio:9000", null, true, true, null, null, null)
        .tls());
  }

  @Test
  void secretNotPrinted() {
    S3Settings settings = S3Settings.localServer(null, "http://127.0.0.1:9000", "key",
        "top-secret");

    assertFalse(settings.toString().contains("top-secret"), settings.toString());
  }

  @Test
  void secretWithoutKeyRejected() {
    var e = assertThrows(SparkErrors.InvalidSettingException.class,
        () -> new S3Settings(null, null, null, false, null, null, null, "secret"));

    assertTrue(e.getMessage().contains("access-key and secret-key must be given together"),
        e.getMessage());
  }

  @Test
  void endpointWithoutSchemeRejected() {
    var e = assertThrows(SparkErrors.InvalidSettingException.class,
        () -> new S3Settings(null, "127.0.0.1:9000", null, true, null, null, null, null));

    assertTrue(e.getMessage().contains("\"s3.endpoint\" must be an http:// or https:// URI"),
        e.getMessage());
  }

  @Test
  void upperCaseBucketRejected() {
    var e = assertThrows(SparkErrors.InvalidSettingException.class,
        () -> new S3Settings("Corpora", null, null, true, null, null, null, null));

    assertTrue(e.getMessage().contains("but got Corpora"), e.getMessage());
  }
}
