package org.gqaspark.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.tables.RunsTable;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An evaluate run whose checkpoint is corrupt fails on the executors after an earlier
 * attempt of the same run id succeeded: the run is marked failed and has no metric rows. A
 * rerun with a good checkpoint succeeds again.
 */
class EvaluateJobFailureTest {

  private static final String RUN = "eval-corrupt";

  @TempDir
  static Path folder;

  private static TableLocations tables;
  private static String good;
  private static String corrupt;
  private static Exception failure;
  private static Row failedRun;
  private static long metricRowsAfterFailure;

  @BeforeAll
  static void succeedThenFail() throws Exception {
    SparkSession spark = SparkTestSession.get();
    EvaluationFixture.Shared shared = EvaluationFixture.shared(spark);
    tables = shared.tables();
    good = shared.checkpoint();
    corrupt = folder.resolve("corrupt").toString();
    corruptCopy(Path.of(good), Path.of(corrupt));

    EvaluateJob.run(spark, EvaluationFixture.settings(RUN, tables, good), "{}");
    failure = assertThrows(Exception.class, () -> EvaluateJob.run(spark,
        EvaluationFixture.settings(RUN, tables, corrupt), "{}"));
    failedRun = runRow(spark);
    metricRowsAfterFailure = EvaluationChecks.rows(spark, tables, EvaluationTables.METRICS, RUN)
        .count();
  }

  /** Copies the checkpoint and overwrites the start of its weights file, keeping its length. */
  private static void corruptCopy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    try (RandomAccessFile weights = new RandomAccessFile(
        to.resolve("model.safetensors").toFile(), "rw")) {
      weights.write(new byte[64]);
    }
  }

  private static Row runRow(SparkSession spark) {
    return spark.read().format("delta").load(tables.path(RunsTable.SCHEMA))
        .filter("run_id = '" + RUN + "'").first();
  }

  @Test
  void failedRunMarkedFailed() {
    assertEquals("failed", failedRun.getAs("status"));
    assertTrue(failedRun.<String>getAs("error_message").contains("safetensors"),
        failedRun.<String>getAs("error_message"));
    assertTrue(failedRun.getAs("end_time") != null, "end_time");
  }

  @Test
  void failedRunKeepsLineage() {
    assertEquals("evaluate", failedRun.getAs("phase"));
    assertEquals("finetune-tiny", failedRun.getAs("parent_run_id"));
    assertEquals(4, (int) failedRun.getAs("num_heads"));
    assertEquals(2, (int) failedRun.getAs("num_key_value_heads"));
  }

  @Test
  void failedRunLeavesNoMetricRows() {
    assertEquals(0, metricRowsAfterFailure);
    assertTrue(failure.getMessage() != null, "error message");
  }

  @Test
  void rerunAfterFailureSucceeds() throws Exception {
    SparkSession spark = SparkTestSession.get();

    EvaluateJob.run(spark, EvaluationFixture.settings(RUN, tables, good), "{}");

    assertEquals("succeeded", runRow(spark).getAs("status"));
    assertEquals(6, EvaluationChecks.rows(spark, tables, EvaluationTables.METRICS, RUN).count());
  }
}
