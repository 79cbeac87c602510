package org.gqaspark.experiment;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.tables.TableSchema;

/**
 * The experiment's result table, one row per variant. Quality comes from the metrics table:
 * BLEU and chrF of the translation tasks and ROUGE-L of the summarization tasks, each the
 * mean over the tasks of that kind. Decoding time per sample comes from the decode_timings
 * table, as the mean over the benchmark's settings.
 */
public final class ExperimentSummary {

  private static final TableSchema METRICS = TableSchema.load("metrics");
  private static final TableSchema DECODE_TIMINGS = TableSchema.load("decode_timings");

  private ExperimentSummary() {}

  /**
   * One variant's results; a value is null when its table has no row for it.
   *
   * @param secondsPerSample decoding seconds per sequence, encoder and decoder together
   */
  public record Row(String variant, int keyValueHeads, String method, double alpha,
      Double bleu, Double chrf, Double rougeL, Double secondsPerSample) {}

  /** Reads the results of every variant of the plan. */
  public static List<Row> read(SparkSession spark, ExperimentSettings settings,
      ExperimentPlan plan) {
    Map<String, Double> metrics = metricValues(spark, settings.tables().path(METRICS));
    Map<String, Double> timings = timingValues(spark, settings.tables().path(DECODE_TIMINGS));
    List<Row> rows = new ArrayList<>();
    for (Variant variant : plan.variants()) {
      List<Double> bleu = new ArrayList<>();
      List<Double> chrf = new ArrayList<>();
      List<Double> rougeL = new ArrayList<>();
      for (PlannedStep step : plan.steps(ExperimentPhase.EVALUATE)) {
        if (!step.variant().equals(variant)) {
          continue;
        }
        String run = step.runId().value();
        if (step.task().kind().equals(FinetuneTask.TRANSLATION)) {
          addIfPresent(bleu, metrics.get(run + "/bleu"));
          addIfPresent(chrf, metrics.get(run + "/chrf"));
        } else {
          addIfPresent(rougeL, metrics.get(run + "/rougeL"));
        }
      }
      Double seconds = null;
      for (PlannedStep step : plan.steps(ExperimentPhase.DECODE_BENCHMARK)) {
        if (step.variant().equals(variant)) {
          seconds = timings.get(step.runId().value());
        }
      }
      rows.add(new Row(variant.name(), variant.keyValueHeads(),
          variant.method() == null ? "-" : variant.method(), variant.alpha(), mean(bleu),
          mean(chrf), mean(rougeL), seconds));
    }
    return rows;
  }

  /** Formats the rows as a fixed-width text table followed by the tables root. */
  public static String format(List<Row> rows, String tablesRoot) {
    StringBuilder text = new StringBuilder();
    String header = String.format(Locale.ROOT, "%-20s %7s %-7s %6s %7s %7s %8s %12s%n",
        "variant", "kv_heads", "method", "alpha", "BLEU", "chrF", "ROUGE-L", "s/sample");
    text.append(header);
    text.append("-".repeat(header.length() - 1)).append('\n');
    for (Row row : rows) {
      text.append(String.format(Locale.ROOT, "%-20s %8d %-7s %6s %7s %7s %8s %12s%n",
          row.variant(), row.keyValueHeads(), row.method(), Variant.alphaText(row.alpha()),
          number(row.bleu(), 2), number(row.chrf(), 2), number(row.rougeL(), 2),
          number(row.secondsPerSample(), 4)));
    }
    text.append("Tables: ").append(tablesRoot).append('\n');
    return text.toString();
  }

  private static Map<String, Double> metricValues(SparkSession spark, String path) {
    Map<String, Double> values = new HashMap<>();
    if (!io.delta.tables.DeltaTable.isDeltaTable(spark, path)) {
      return values;
    }
    List<org.apache.spark.sql.Row> rows = spark.read().format("delta").load(path)
        .groupBy(col("run_id"), col("metric")).avg("value").collectAsList();
    for (org.apache.spark.sql.Row row : rows) {
      values.put(row.getString(0) + "/" + row.getString(1), row.getDouble(2));
    }
    return values;
  }

  private static Map<String, Double> timingValues(SparkSession spark, String path) {
    Map<String, Double> values = new HashMap<>();
    if (!io.delta.tables.DeltaTable.isDeltaTable(spark, path)) {
      return values;
    }
    for (org.apache.spark.sql.Row row : spark.read().format("delta").load(path)
        .groupBy(col("run_id")).avg("seconds_per_sample").collectAsList()) {
      values.put(row.getString(0), row.getDouble(1));
    }
    return values;
  }

  private static void addIfPresent(List<Double> values, Double value) {
    if (value != null) {
      values.add(value);
    }
  }

  private static Double mean(List<Double> values) {
    return values.isEmpty() ? null
        : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  private static String number(Double value, int decimals) {
    return value == null ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
