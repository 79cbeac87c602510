package org.gqaspark.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gqaspark.metrics.CorpusScores;
import org.gqaspark.metrics.MetricSuite;
import org.gqaspark.tables.RunId;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The scores of one evaluation set: corpus scores from the metrics package over the decoded
 * examples in example id order, and each example's sentence-level scores.
 *
 * @param set the evaluation set
 * @param decoded its {@link DecodedRows#OUTPUT} rows in example id order
 * @param corpus corpus scores, with bootstrap intervals when configured
 * @param exampleScores sentence-level scores per decoded row, same order
 */
record SetScores(EvalSet set, List<Row> decoded, CorpusScores corpus,
    List<Map<String, Double>> exampleScores) {

  /** Scores the decoded rows of {@code set}, which must be in example id order. */
  static SetScores compute(EvalSet set, ScoringSettings scoring, List<Row> decoded) {
    MetricSuite suite = set.task().metricSuite(scoring);
    List<String> hypotheses = new ArrayList<>(decoded.size());
    List<List<String>> references = new ArrayList<>(decoded.size());
    List<Map<String, Double>> perExample = new ArrayList<>(decoded.size());
    for (int i = 0; i < decoded.size(); i++) {
      String hypothesis = decoded.get(i).getString(3);
      String reference = decoded.get(i).getString(4);
      hypotheses.add(hypothesis);
      references.add(List.of(reference));
      perExample.add(MetricRows.exampleScores(suite, hypothesis, reference, i));
    }
    CorpusScores corpus = suite.corpusScore(hypotheses, references, scoring.bootstrap());
    return new SetScores(set, List.copyOf(decoded), corpus, List.copyOf(perExample));
  }

  /** Returns the predictions table rows of the set. */
  List<Row> predictionRows(RunId runId) {
    List<Row> rows = new ArrayList<>(decoded.size());
    for (int i = 0; i < decoded.size(); i++) {
      Row row = decoded.get(i);
      rows.add(RowFactory.create(runId.value(), set.dataset(), set.split(), row.getString(2),
          row.getString(3), row.getString(4),
          // Row encoders take Scala maps only.
          CollectionConverters.asScala(exampleScores.get(i)), row.getInt(5), row.getInt(6)));
    }
    return rows;
  }
}
