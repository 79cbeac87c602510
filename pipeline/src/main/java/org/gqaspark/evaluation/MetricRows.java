package org.gqaspark.evaluation;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gqaspark.metrics.Bootstrap;
import org.gqaspark.metrics.CorpusScores;
import org.gqaspark.metrics.MetricSuite;
import org.gqaspark.metrics.PrfInterval;
import org.gqaspark.metrics.PrfScore;
import org.gqaspark.metrics.RougeType;
import org.gqaspark.metrics.ScoreInterval;
import org.gqaspark.tables.RunId;

/**
 * Turns the metrics package's scores into rows of the metrics table and per-example score
 * maps of the predictions table. Both use one set of metric names on the 0 to 100 scale:
 * rouge1, rouge2, rougeL, rougeLsum (F-measure times 100), bleu and chrf.
 */
public final class MetricRows {

  /** Metric name of corpus and sentence BLEU. */
  public static final String BLEU = "bleu";
  /** Metric name of corpus and sentence chrF. */
  public static final String CHRF = "chrf";

  private MetricRows() {}

  /** Returns the metrics table rows of one evaluation set, in metric order. */
  public static List<Row> corpusRows(RunId runId, EvalSet set, CorpusScores scores,
      Bootstrap bootstrap, Timestamp time) {
    Double confidence = bootstrap == null ? null : bootstrap.confidence();
    List<Row> rows = new ArrayList<>();
    if (scores.rouge() != null) {
      for (Map.Entry<RougeType, PrfScore> mean : scores.rouge().means().entrySet()) {
        PrfInterval interval = scores.rouge().intervals().get(mean.getKey());
        rows.add(row(runId, set, mean.getKey().name(), mean.getValue().fmeasure() * 100,
            interval == null ? null : interval.low().fmeasure() * 100,
            interval == null ? null : interval.high().fmeasure() * 100,
            interval == null ? null : confidence, scores.segments(),
            scores.rouge().signature(), time));
      }
    }
    if (scores.bleu() != null) {
      ScoreInterval interval = scores.bleuInterval();
      rows.add(row(runId, set, BLEU, scores.bleu().score(),
          interval == null ? null : interval.lower(), interval == null ? null : interval.upper(),
          interval == null ? null : confidence, scores.segments(), scores.bleu().signature(),
          time));
    }
    if (scores.chrf() != null) {
      ScoreInterval interval = scores.chrfInterval();
      rows.add(row(runId, set, CHRF, scores.chrf().score(),
          interval == null ? null : interval.lower(), interval == null ? null : interval.upper(),
          interval == null ? null : confidence, scores.segments(), scores.chrf().signature(),
          time));
    }
    return rows;
  }

  /**
   * Returns the sentence-level scores of one example under the metrics table's names:
   * ROUGE F-measures times 100, sentence BLEU (effective order) and sentence chrF.
   */
  public static Map<String, Double> exampleScores(MetricSuite suite, String hypothesis,
      String reference, long segment) {
    Map<String, Double> named = new LinkedHashMap<>();
    suite.segmentScores(hypothesis, List.of(reference), segment).values().forEach(
        (name, value) -> {
          if (name.equals("BLEU")) {
            named.put(BLEU, value);
          } else if (suite.chrf() != null && name.equals(suite.chrf().name())) {
            named.put(CHRF, value);
          } else if (name.endsWith(".fmeasure")) {
            named.put(name.substring(0, name.length() - ".fmeasure".length()), value * 100);
          }
        });
    return named;
  }

  private static Row row(RunId runId, EvalSet set, String metric, double value, Double low,
      Double high, Double confidence, long count, String signature, Timestamp time) {
    return RowFactory.create(runId.value(), set.dataset(), set.split(), metric, value, low,
        high, confidence, count, signature, time);
  }
}
