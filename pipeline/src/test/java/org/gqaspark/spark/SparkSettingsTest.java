package org.gqaspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

class SparkSettingsTest {

  private static Config spark(String hocon) {
    return ConfigFactory.parseString(hocon).resolve().getConfig("spark");
  }

  @Test
  void fullBlockParsed() {
    SparkSettings settings = SparkSettings.fromConfig(spark("""
        spark {
          master = "local[3]"
          app-name = "gqa-test"
          conf { spark.sql.shuffle.partitions = 64, "spark.ui.enabled" = false }
          s3 = [
            { bucket = "corpora", endpoint = "http://127.0.0.1:9000", path-style-access = true,
              access-key = "a", secret-key = "b" }
            { endpoint = "https://s3.example.com", region = "eu-west-1" }
          ]
        }
        """), "default-name");

    assertEquals("local[3]", settings.master());
    assertEquals("gqa-test", settings.appName());
    assertEquals(Map.of("spark.sql.shuffle.partitions", "64", "spark.ui.enabled", "false"),
        settings.conf());
    assertEquals(List.of(
        new S3Settings("corpora", "http://127.0.0.1:9000", null, true, null, null, "a", "b"),
        new S3Settings(null, "https://s3.example.com", "eu-west-1", false, null, null, null,
            null)), settings.s3());
  }

  @Test
  void singleS3Block() {
    SparkSettings settings = SparkSettings.fromConfig(spark(
        "spark.s3 { endpoint = \"http://127.0.0.1:9000\", ssl-enabled = true }"), "name");

    assertEquals(1, settings.s3().size());
    assertTrue(settings.s3().get(0).tls());
  }

  @Test
  void emptyBlockIsEmbedded() {
    SparkSettings settings = SparkSettings.fromConfig(spark("spark {}"), "gqa-tokenize");

    assertEquals(SparkSettings.embedded("gqa-tokenize"), settings);
    assertNull(settings.master());
  }

  @Test
  void wrongTypeNamesFileLine() {
    var e = assertThrows(SparkErrors.InvalidSettingException.class,
        () -> SparkSettings.fromConfig(spark("spark {\n  s3 { path-style-access = maybe }\n}"),
            "name"));

    assertTrue(e.getMessage().contains(": 2: path-style-access has type STRING rather than"
        + " BOOLEAN"), e.getMessage());
  }

  @Test
  void duplicateBucketRejected() {
    var e = assertThrows(SparkErrors.InvalidSettingException.class,
        () -> SparkSettings.fromConfig(spark(
            "spark.s3 = [{ bucket = data }, { bucket = data }]"), "name"));

    assertTrue(e.getMessage().contains("bucket data is configured twice"), e.getMessage());
  }

  @Test
  void sessionHasDelta() {
    SparkSession spark = SparkTestSession.get();

    assertEquals("io.delta.sql.DeltaSparkSessionExtension",
        spark.conf().get("spark.sql.extensions"));
  }

  @Test
  void createAppliesS3ToRunningSession() {
    SparkSession running = SparkTestSession.get();
    S3Settings s3 = S3Settings.localServer("applied-bucket", "http://127.0.0.1:1", "k", "s");

    SparkSession session = SparkSessions.create(
        SparkTestSession.settings("local[2]").withS3(s3));

    assertEquals(running, session);
    assertEquals("http://127.0.0.1:1", session.sparkContext().hadoopConfiguration()
        .get("fs.s3a.bucket.applied-bucket.endpoint"));
  }
}
