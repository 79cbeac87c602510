package org.gqaspark.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scores of one segment, for storing next to its prediction; a metric that is not
 * configured is absent.
 *
 * @param values score by name: "BLEU" (sentence BLEU with effective order), the chrF name
 *     such as "chrF2", and "rouge1.precision", "rouge1.recall", "rouge1.fmeasure" per ROUGE type
 */
public record SegmentScores(Map<String, Double> values) {

  public SegmentScores {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
