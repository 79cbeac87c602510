package org.gqaspark.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.spark.SparkSessions;
import org.gqaspark.spark.SparkSettings;

/**
 * One local Spark session per test JVM, built as the jobs build theirs ({@link
 * SparkSessions}), with Delta Lake enabled: starting Spark costs seconds, so test classes
 * share it. Tests that need another master (local[1] against local[2], say) build their own
 * and stop it. The driver binds to 127.0.0.1, so tests open no port on other interfaces. For
 * s3a, point the session at an {@link S3ProxyServer} with {@link S3ProxyServer#configure}.
 */
public final class SparkTestSession {

  private static SparkSession session;

  private SparkTestSession() {}

  /** Returns the shared local[2] session, starting it on first use. */
  public static synchronized SparkSession get() {
    if (session == null) {
      session = builder("local[2]").getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  /** Returns the settings of a test session: no UI, few partitions, loopback only. */
  public static SparkSettings settings(String master) {
    Path warehouse;
    try {
      warehouse = Files.createTempDirectory("gqa-spark-warehouse");
    } catch (IOException e) {
      throw new IllegalStateException("Could not create a temporary Spark warehouse folder", e);
    }
    return new SparkSettings(master, "gqa-tests", Map.of(
        "spark.ui.enabled", "false",
        "spark.sql.shuffle.partitions", "4",
        // Delta rebuilds table state with 50 tasks by default; test tables have a few files.
        "spark.databricks.delta.snapshotPartitions", "2",
        "spark.sql.warehouse.dir", warehouse.toString(),
        "spark.driver.host", "127.0.0.1",
        "spark.driver.bindAddress", "127.0.0.1"), List.of());
  }

  /** Returns a builder with Delta Lake, no UI and a temporary warehouse; callers set the rest. */
  public static SparkSession.Builder builder(String master) {
    return SparkSessions.builder(settings(master));
  }
}
