package org.gqaspark.metrics;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Summable chrF statistics: for every order (character orders first, then word orders) the
 * hypothesis n-grams, the reference n-grams and the clipped matches, at indexes 3k, 3k + 1 and
 * 3k + 2. As in sacreBLEU 2.6.0, an order whose reference has no n-gram records 0 hypothesis
 * n-grams.
 *
 * @param counts 3 counts per order
 * @param references reference counts of the summed segments
 */
public record ChrfStats(long[] counts, ReferenceCount references) implements Serializable {

  public ChrfStats {
    Objects.requireNonNull(references, "references");
    if (counts.length % 3 != 0) {
      throw new IllegalArgumentException("chrF statistics need 3 counts per order but got "
          + counts.length + " counts.");
    }
    counts = counts.clone();
  }

  /** Returns the statistics of an empty sum with {@code orders} orders. */
  public static ChrfStats zero(int orders) {
    return new ChrfStats(new long[3 * orders], ReferenceCount.NONE);
  }

  @Override
  public long[] counts() {
    return counts.clone();
  }

  public long hypothesisCount(int order) {
    return counts[3 * order];
  }

  public long referenceCount(int order) {
    return counts[3 * order + 1];
  }

  public long matchCount(int order) {
    return counts[3 * order + 2];
  }

  /** Returns the element-wise sum. */
  public ChrfStats plus(ChrfStats other) {
    if (other.counts.length != counts.length) {
      throw new IllegalArgumentException("Cannot add chrF statistics of " + other.counts.length / 3
          + " orders to statistics of " + counts.length / 3
          + " orders: compute both with the same char_order and word_order.");
    }
    long[] sum = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      sum[i] = counts[i] + other.counts[i];
    }
    return new ChrfStats(sum, references.plus(other.references));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ChrfStats that && Arrays.equals(counts, that.counts)
        && references.equals(that.references);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(counts), references);
  }

  @Override
  public String toString() {
    return "ChrfStats[counts=" + Arrays.toString(counts) + ", references=" + references + "]";
  }
}
