package org.gqaspark.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.tables.TableSchema;
import org.gqaspark.testing.S3ProxyServer;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same evaluation with checkpoint and tables in a local folder and on S3 (s3proxy on
 * 127.0.0.1) writes the same rows, apart from the times they were written and measured. The
 * examples table on S3 is a file copy of the one the tokenize job wrote locally.
 */
class EvaluateJobS3Test {

  private static final String RUN = "eval-s3";

  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();

  private static TableLocations local;
  private static TableLocations remote;

  @BeforeAll
  static void evaluateInBothPlaces() throws Exception {
    SparkSession spark = SparkTestSession.get();
    S3.configure(spark);
    EvaluationFixture.Shared shared = EvaluationFixture.shared(spark);
    local = shared.tables();
    remote = new TableLocations(S3.uri("delta"));
    String localCheckpoint = shared.checkpoint();
    String remoteCheckpoint = S3.uri("checkpoint");
    EvaluationFixture.writeCheckpoint(remoteCheckpoint,
        spark.sparkContext().hadoopConfiguration());
    EvaluationFixture.copyExamples(spark, remote);

    EvaluateJob.run(spark, EvaluationFixture.settings(RUN, local, localCheckpoint), "{}");
    EvaluateJob.run(spark, EvaluationFixture.settings(RUN, remote, remoteCheckpoint), "{}");
  }

  @Test
  void predictionsIdentical() {
    assertEquals(rows(local, EvaluationTables.PREDICTIONS), rows(remote,
        EvaluationTables.PREDICTIONS));
  }

  @Test
  void metricsIdentical() {
    List<List<Object>> metrics = rows(local, EvaluationTables.METRICS);

    assertEquals(6, metrics.size());
    assertEquals(metrics, rows(remote, EvaluationTables.METRICS));
  }

  @Test
  void timingKeysIdentical() {
    assertEquals(keys(local), keys(remote));
  }

  @Test
  void metricsTableOnS3() {
    assertEquals(S3.uri("delta/metrics"), remote.path(EvaluationTables.METRICS));
    assertEquals(6, SparkTestSession.get().read().format("delta")
        .load(S3.uri("delta/metrics")).filter("run_id = '" + RUN + "'").count());
  }

  private static List<List<Object>> rows(TableLocations tables, TableSchema table) {
    List<Row> rows = EvaluationChecks.rows(SparkTestSession.get(), tables, table, RUN)
        .collectAsList();
    return EvaluationChecks.withoutColumns(rows, "time");
  }

  /** Returns the timing rows without the measured and machine-dependent columns. */
  private static List<List<Object>> keys(TableLocations tables) {
    return EvaluationChecks.rows(SparkTestSession.get(), tables,
        EvaluationTables.DECODE_TIMINGS, RUN)
        .select("dataset", "split", "model_shape", "num_heads", "num_key_value_heads",
            "batch_size", "source_length", "target_length", "samples")
        .collectAsList().stream().map(r -> List.<Object>of(r.get(0), r.get(1), r.get(2),
            r.get(3), r.get(4), r.get(5), r.get(6), r.get(7), r.get(8))).toList();
  }
}
