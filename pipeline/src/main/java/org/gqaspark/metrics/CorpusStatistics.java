package org.gqaspark.metrics;

import java.io.Serializable;

/**
 * The summable statistics of every configured metric for one segment or a sum of segments;
 * a metric that is not configured has null statistics.
 *
 * @param segments the number of summed segments
 */
public record CorpusStatistics(long segments, BleuStats bleu, ChrfStats chrf, RougeStats rouge)
    implements Serializable {

  /** Returns the element-wise sum. */
  public CorpusStatistics plus(CorpusStatistics other) {
    return new CorpusStatistics(segments + other.segments,
        bleu == null ? null : bleu.plus(other.bleu),
        chrf == null ? null : chrf.plus(other.chrf),
        rouge == null ? null : rouge.plus(other.rouge));
  }
}
