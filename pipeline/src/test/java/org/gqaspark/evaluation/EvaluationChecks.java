package org.gqaspark.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.metrics.BleuOptions;
import org.gqaspark.metrics.ChrfOptions;
import org.gqaspark.metrics.CorpusScores;
import org.gqaspark.metrics.MetricSuite;
import org.gqaspark.metrics.PrfInterval;
import org.gqaspark.metrics.RougeOptions;
import org.gqaspark.metrics.RougeType;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.tables.TableSchema;

/** Reads the evaluation tables back and checks them against the metrics package. */
final class EvaluationChecks {

  private EvaluationChecks() {}

  /** Returns the rows of one run, in key order. */
  static Dataset<Row> rows(SparkSession spark, TableLocations tables, TableSchema table,
      String runId) {
    return spark.read().format("delta").load(tables.path(table))
        .filter("run_id = '" + runId + "'")
        .orderBy(table.keyColumns().stream().map(org.apache.spark.sql.functions::col)
            .toArray(org.apache.spark.sql.Column[]::new));
  }

  /** Returns the newest version of a Delta table. */
  static long latestVersion(SparkSession spark, String path) {
    return DeltaTable.forPath(spark, path).history(1).first().<Long>getAs("version");
  }

  /** Returns the rows without the named columns, as lists of values, for comparisons. */
  static List<List<Object>> withoutColumns(List<Row> rows, String... dropped) {
    List<List<Object>> values = new ArrayList<>();
    for (Row row : rows) {
      List<Object> kept = new ArrayList<>();
      for (String field : row.schema().fieldNames()) {
        if (!List.of(dropped).contains(field)) {
          Object value = row.get(row.fieldIndex(field));
          kept.add(value instanceof scala.collection.Map<?, ?> map
              ? scala.jdk.javaapi.CollectionConverters.asJava(map) : value);
        }
      }
      values.add(kept);
    }
    return values;
  }

  /**
   * Checks one set's metric rows against the metrics package scoring the stored predictions
   * (in example id order) with the same options: values, intervals and signatures equal.
   */
  static void checkMetricsMatchPredictions(SparkSession spark, TableLocations tables,
      String runId, EvalSet set, EvaluateSettings settings) {
    List<Row> predictions = rows(spark, tables, EvaluationTables.PREDICTIONS, runId)
        .filter("dataset = '" + set.dataset() + "' AND split = '" + set.split() + "'")
        .collectAsList();
    List<String> hypotheses = new ArrayList<>();
    List<List<String>> references = new ArrayList<>();
    for (Row row : predictions) {
      hypotheses.add(row.getAs("hypothesis"));
      references.add(List.of(row.<String>getAs("reference")));
    }
    MetricSuite suite = set.task() == TaskKind.SUMMARIZATION
        ? new MetricSuite(null, null, RougeOptions.standard(settings.scoring().rougeStemmer()))
        : new MetricSuite(BleuOptions.corpusDefaults(), ChrfOptions.chrf(), null);
    CorpusScores expected = suite.corpusScore(hypotheses, references,
        settings.scoring().bootstrap());
    double confidence = settings.scoring().bootstrap().confidence();

    Map<String, Row> metrics = new java.util.HashMap<>();
    for (Row row : rows(spark, tables, EvaluationTables.METRICS, runId)
        .filter("dataset = '" + set.dataset() + "' AND split = '" + set.split() + "'")
        .collectAsList()) {
      metrics.put(row.getAs("metric"), row);
    }
    if (set.task() == TaskKind.SUMMARIZATION) {
      assertEquals(4, metrics.size(), "ROUGE metrics of " + set.label());
      for (RougeType type : RougeOptions.standard(true).types()) {
        Row row = metrics.get(type.name());
        PrfInterval interval = expected.rouge().intervals().get(type);
        check(row, expected.rouge().means().get(type).fmeasure() * 100,
            interval.low().fmeasure() * 100, interval.high().fmeasure() * 100, confidence,
            predictions.size(), expected.rouge().signature());
      }
    } else {
      assertEquals(2, metrics.size(), "BLEU and chrF of " + set.label());
      check(metrics.get("bleu"), expected.bleu().score(), expected.bleuInterval().lower(),
          expected.bleuInterval().upper(), confidence, predictions.size(),
          expected.bleu().signature());
      check(metrics.get("chrf"), expected.chrf().score(), expected.chrfInterval().lower(),
          expected.chrfInterval().upper(), confidence, predictions.size(),
          expected.chrf().signature());
    }
  }

  private static void check(Row row, double value, double low, double high, double confidence,
      long count, String signature) {
    String metric = row.getAs("metric");
    assertEquals(value, (double) row.getAs("value"), 0.0, metric + " value");
    assertEquals(low, (double) row.getAs("interval_low"), 0.0, metric + " interval_low");
    assertEquals(high, (double) row.getAs("interval_high"), 0.0, metric + " interval_high");
    assertEquals(confidence, (double) row.getAs("confidence"), 0.0, metric + " confidence");
    assertEquals(count, (long) row.getAs("count"), metric + " count");
    assertEquals(signature, row.getAs("signature"), metric + " signature");
  }
}
