package org.gqaspark.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session per test JVM, with Delta Lake enabled: starting Spark costs
 * seconds, so test classes share it. Tests that need another master (local[1] against
 * local[2], say) build their own and stop it.
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

  /** Returns a builder with Delta Lake, no UI and a temporary warehouse; callers set the rest. */
  public static SparkSession.Builder builder(String master) {
    Path warehouse;
    try {
      warehouse = Files.createTempDirectory("gqa-spark-warehouse");
    } catch (IOException e) {
      throw new IllegalStateException("Could not create a temporary Spark warehouse folder", e);
    }
    return SparkSession.builder()
        .master(master)
        .appName("gqa-tests")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog",
            "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.warehouse.dir", warehouse.toString());
  }
}
