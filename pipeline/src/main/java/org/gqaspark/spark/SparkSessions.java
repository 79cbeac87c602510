package org.gqaspark.spark;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Spark session of every job: Delta Lake enabled, s3a configured from settings. */
public final class SparkSessions {

  /** The system property that spark-submit sets from {@code --master}. */
  public static final String SUBMIT_MASTER_PROPERTY = "spark.master";

  private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

  private SparkSessions() {}

  /**
   * Returns a session built from the settings, or the running one with the settings applied.
   * The master comes from spark-submit when it set one, else from the settings, else {@link
   * SparkSettings#EMBEDDED_MASTER}.
   */
  public static SparkSession create(SparkSettings settings) {
    SparkSession.Builder builder = builder(settings);
    SparkSession session = builder.getOrCreate();

    // A session that was already running keeps its Hadoop configuration, so the s3a options
    // go there directly as well as through spark.hadoop.* for a new one.
    for (S3Settings s3 : settings.s3()) {
      applyS3(session.sparkContext().hadoopConfiguration(), s3);
    }
    LOG.info("Spark session ready: master {}, app {}, Spark {}, S3 connections {}",
        session.sparkContext().master(), session.sparkContext().appName(), session.version(),
        settings.s3());
    return session;
  }

  /** Returns a session builder with the settings applied, for callers that add options. */
  public static SparkSession.Builder builder(SparkSettings settings) {
    SparkSession.Builder builder = SparkSession.builder().appName(settings.appName());
    String submitted = System.getProperty(SUBMIT_MASTER_PROPERTY);
    if (submitted == null) {
      builder.master(settings.master() != null ? settings.master() : SparkSettings.EMBEDDED_MASTER);
    } else if (settings.master() != null && !settings.master().equals(submitted)) {
      LOG.warn("Ignoring spark.master = {} from the settings: spark-submit set {}",
          settings.master(), submitted);
    }
    builder
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog",
            "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    for (Map.Entry<String, String> entry : settings.conf().entrySet()) {
      builder.config(entry.getKey(), entry.getValue());
    }
    for (S3Settings s3 : settings.s3()) {
      for (Map.Entry<String, String> option : s3.hadoopOptions().entrySet()) {
        builder.config("spark.hadoop." + option.getKey(), option.getValue());
      }
    }
    return builder;
  }

  /**
   * Applies s3a settings to a running session's Hadoop configuration. File systems that
   * Hadoop has already opened for the same bucket keep their old settings until closed.
   */
  public static void applyS3(SparkSession session, S3Settings s3) {
    applyS3(session.sparkContext().hadoopConfiguration(), s3);
  }

  /** Applies s3a settings to a Hadoop configuration. */
  public static void applyS3(Configuration hadoop, S3Settings s3) {
    for (Map.Entry<String, String> option : s3.hadoopOptions().entrySet()) {
      hadoop.set(option.getKey(), option.getValue());
    }
  }
}
