package org.gqaspark.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.metrics.BleuOptions;
import org.gqaspark.metrics.ChrfOptions;
import org.gqaspark.metrics.MetricSuite;
import org.gqaspark.metrics.RougeOptions;
import org.gqaspark.tables.RunsTable;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.testing.RepoPaths;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Evaluates a tiny checkpoint twice with one run id on the shipped corpora. */
class EvaluateJobTest {

  private static final String RUN = "eval-1";

  private static TableLocations tables;
  private static EvaluateSettings settings;
  private static long firstVersion;
  private static long secondVersion;

  @BeforeAll
  static void evaluateTwice() throws Exception {
    SparkSession spark = SparkTestSession.get();
    EvaluationFixture.Shared shared = EvaluationFixture.shared(spark);
    tables = shared.tables();
    settings = EvaluationFixture.settings(RUN, tables, shared.checkpoint());

    EvaluateJob.run(spark, settings, "{}");
    firstVersion = EvaluationChecks.latestVersion(spark, tables.path(EvaluationTables.METRICS));
    EvaluateJob.run(spark, settings, "{}");
    secondVersion = EvaluationChecks.latestVersion(spark, tables.path(EvaluationTables.METRICS));
  }

  @Test
  void rerunLeavesOneSetOfRows() {
    SparkSession spark = SparkTestSession.get();

    assertEquals(6, EvaluationChecks.rows(spark, tables, EvaluationTables.METRICS, RUN).count());
    assertEquals(2L * EvaluationFixture.MAX_EXAMPLES,
        EvaluationChecks.rows(spark, tables, EvaluationTables.PREDICTIONS, RUN).count());
    assertEquals(2, EvaluationChecks.rows(spark, tables, EvaluationTables.DECODE_TIMINGS, RUN)
        .count());
  }

  @Test
  void timeTravelShowsBothVersions() {
    SparkSession spark = SparkTestSession.get();
    String path = tables.path(EvaluationTables.METRICS);
    List<Row> first = spark.read().format("delta").option("versionAsOf", firstVersion)
        .load(path).filter("run_id = '" + RUN + "'").orderBy("dataset", "metric")
        .collectAsList();
    List<Row> second = spark.read().format("delta").option("versionAsOf", secondVersion)
        .load(path).filter("run_id = '" + RUN + "'").orderBy("dataset", "metric")
        .collectAsList();
    Timestamp firstTime = first.get(0).getAs("time");
    Timestamp secondTime = second.get(0).getAs("time");

    assertTrue(secondVersion > firstVersion, secondVersion + " > " + firstVersion);
    assertEquals(6, first.size());
    assertEquals(6, second.size());
    assertTrue(secondTime.after(firstTime), secondTime + " after " + firstTime);
    assertEquals(EvaluationChecks.withoutColumns(first, "time"),
        EvaluationChecks.withoutColumns(second, "time"));
  }

  @Test
  void metricsEqualMetricsPackage() {
    for (EvalSet set : settings.evalSets()) {
      EvaluationChecks.checkMetricsMatchPredictions(SparkTestSession.get(), tables, RUN, set,
          settings);
    }
  }

  @Test
  void exampleScoresEqualMetricsPackage() {
    MetricSuite rouge = new MetricSuite(null, null, RougeOptions.standard(true));
    MetricSuite translation = new MetricSuite(BleuOptions.corpusDefaults(), ChrfOptions.chrf(),
        null);
    for (Row row : EvaluationChecks.rows(SparkTestSession.get(), tables,
        EvaluationTables.PREDICTIONS, RUN).collectAsList()) {
      String hypothesis = row.getAs("hypothesis");
      List<String> reference = List.of(row.<String>getAs("reference"));
      Map<String, Double> scores = row.getJavaMap(row.fieldIndex("scores"));
      Map<String, Double> expected = row.getAs("dataset").equals("scitldr")
          ? Map.of(
              "rouge1", rouge.segmentScores(hypothesis, reference, 0).values()
                  .get("rouge1.fmeasure") * 100,
              "rouge2", rouge.segmentScores(hypothesis, reference, 0).values()
                  .get("rouge2.fmeasure") * 100,
              "rougeL", rouge.segmentScores(hypothesis, reference, 0).values()
                  .get("rougeL.fmeasure") * 100,
              "rougeLsum", rouge.segmentScores(hypothesis, reference, 0).values()
                  .get("rougeLsum.fmeasure") * 100)
          : Map.of(
              "bleu", translation.segmentScores(hypothesis, reference, 0).values().get("BLEU"),
              "chrf", translation.segmentScores(hypothesis, reference, 0).values()
                  .get("chrF2"));

      assertEquals(expected, Map.copyOf(scores), row.<String>getAs("example_id"));
    }
  }

  @Test
  void referencesAreCorpusText() throws IOException {
    List<String> german;
    Path file = RepoPaths.shippedData("tatoeba-en-de/tatoeba-test-v2021-08-07.deu-eng.deu.gz");
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      german = reader.lines().toList();
    }
    List<Row> rows = EvaluationChecks.rows(SparkTestSession.get(), tables,
        EvaluationTables.PREDICTIONS, RUN).filter("dataset = 'tatoeba'").collectAsList();

    assertEquals(EvaluationFixture.MAX_EXAMPLES, rows.size());
    for (Row row : rows) {
      String id = row.getAs("example_id");
      int line = Integer.parseInt(id.substring(id.lastIndexOf(':') + 1));
      assertEquals(german.get(line - 1), row.getAs("reference"), id);
    }
  }

  @Test
  void runsRowDescribesModel() {
    Row run = SparkTestSession.get().read().format("delta")
        .load(tables.path(RunsTable.SCHEMA)).filter("run_id = '" + RUN + "'").first();

    assertEquals("evaluate", run.getAs("phase"));
    assertEquals("succeeded", run.getAs("status"));
    assertEquals("finetune-tiny", run.getAs("parent_run_id"));
    assertEquals(4, (int) run.getAs("num_heads"));
    assertEquals(2, (int) run.getAs("num_key_value_heads"));
    assertTrue(run.<String>getAs("model_shape").contains("2 key/value heads"),
        run.<String>getAs("model_shape"));
    assertEquals(tables.path(EvaluationTables.METRICS), run.getAs("output_path"));
  }

  @Test
  void timingsDescribeEachSet() {
    SparkSession spark = SparkTestSession.get();
    List<Row> timings = EvaluationChecks.rows(spark, tables, EvaluationTables.DECODE_TIMINGS,
        RUN).collectAsList();

    assertEquals(List.of("scitldr", "tatoeba"),
        timings.stream().map(r -> r.<String>getAs("dataset")).toList());
    for (Row row : timings) {
      int longest = EvaluationChecks.rows(spark, tables, EvaluationTables.PREDICTIONS, RUN)
          .filter("dataset = '" + row.getAs("dataset") + "'")
          .selectExpr("max(source_length)").first().getInt(0);
      assertEquals(longest, (int) row.getAs("source_length"), "source_length");
      assertEquals(EvaluationFixture.MAX_EXAMPLES, (int) row.getAs("samples"), "samples");
      assertEquals(8, (int) row.getAs("target_length"), "target_length");
      assertEquals(4, (int) row.getAs("batch_size"), "batch_size");
      assertEquals(2, (int) row.getAs("num_key_value_heads"), "num_key_value_heads");
      assertEquals(1, (int) row.getAs("threads"), "threads");
      assertTrue((double) row.getAs("seconds_per_sample") > 0, "seconds_per_sample");
    }
  }
}
