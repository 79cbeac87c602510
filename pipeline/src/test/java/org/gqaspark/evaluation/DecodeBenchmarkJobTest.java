package org.gqaspark.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.RunsTable;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the decode benchmark twice with one run id on a tiny random-weight shape. */
class DecodeBenchmarkJobTest {

  private static final String RUN = "bench-1";

  @TempDir
  static Path folder;

  private static TableLocations tables;
  private static DecodeBenchmarkJob.Report report;

  @BeforeAll
  static void benchmarkTwice() throws Exception {
    SparkSession spark = SparkTestSession.get();
    tables = new TableLocations(folder.resolve("delta").toString());
    DecodeBenchmarkSettings settings = new DecodeBenchmarkSettings(new RunId(RUN), tables,
        "convert-tiny", new BenchmarkShape(16, 32, 4, 4, 1, 2, 40, FeedForwardKind.RELU),
        List.of(1, 4, 2), List.of(), new DecodeBenchmark.Grid(List.of(6, 9), List.of(2), 3, 1,
            0, 5), 1);

    DecodeBenchmarkJob.run(spark, settings, "{}");
    report = DecodeBenchmarkJob.run(spark, settings, "{}");
  }

  @Test
  void oneRowPerCell() {
    List<Row> rows = EvaluationChecks.rows(SparkTestSession.get(), tables,
        EvaluationTables.DECODE_TIMINGS, RUN).collectAsList();

    assertEquals(6, rows.size(), "3 models x 2 source lengths");
    assertEquals(List.of(1, 1, 2, 2, 4, 4),
        rows.stream().map(r -> r.<Integer>getAs("num_key_value_heads")).toList());
    assertEquals(List.of(6, 9, 6, 9, 6, 9),
        rows.stream().map(r -> r.<Integer>getAs("source_length")).toList());
  }

  @Test
  void rowsDescribeSetting() {
    Row row = EvaluationChecks.rows(SparkTestSession.get(), tables,
        EvaluationTables.DECODE_TIMINGS, RUN).first();

    assertNull(row.getAs("dataset"));
    assertNull(row.getAs("checkpoint"));
    assertEquals(4, (int) row.getAs("num_heads"));
    assertEquals(2, (int) row.getAs("batch_size"));
    assertEquals(3, (int) row.getAs("target_length"));
    assertEquals(2, (int) row.getAs("samples"), "batch x repetitions");
    assertEquals(1, (int) row.getAs("threads"));
    double total = row.getAs("seconds_per_sample");
    double parts = (double) row.getAs("encoder_seconds_per_sample")
        + (double) row.<Double>getAs("decoder_seconds_per_sample");
    assertEquals(total, parts, 1e-12 * total);
    assertEquals(3 / total, (double) row.getAs("tokens_per_second"), 1e-9 / total);
  }

  @Test
  void multiHeadMeasuredFirst() {
    assertEquals(4, report.cells().get(0).model().keyValueHeads());
    assertTrue(report.cells().get(0).model().multiHead(), "baseline first");
  }

  @Test
  void runsRowNamesPhase() {
    Row run = SparkTestSession.get().read().format("delta")
        .load(tables.path(RunsTable.SCHEMA)).filter("run_id = '" + RUN + "'").first();

    assertEquals("decode-benchmark", run.getAs("phase"));
    assertEquals("succeeded", run.getAs("status"));
    assertEquals("convert-tiny", run.getAs("parent_run_id"));
    assertEquals(4, (int) run.getAs("num_heads"));
    assertNull(run.getAs("num_key_value_heads"), "several counts");
    assertEquals(tables.path(EvaluationTables.DECODE_TIMINGS), run.getAs("output_path"));
  }
}
