package org.gqaspark.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Corpus ROUGE: per type the mean precision, recall and F over the segments, and bootstrap
 * intervals when requested.
 *
 * @param means the mean scores per type, in the configured order
 * @param intervals the bootstrap intervals per type, empty without resampling
 * @param signature the reproducibility signature
 */
public record RougeCorpusScore(Map<RougeType, PrfScore> means,
    Map<RougeType, PrfInterval> intervals, String signature) {

  public RougeCorpusScore {
    means = Collections.unmodifiableMap(new LinkedHashMap<>(means));
    intervals = Collections.unmodifiableMap(new LinkedHashMap<>(intervals));
  }
}
