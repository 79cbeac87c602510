package org.gqaspark.metrics;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Summable BLEU statistics of one segment or of a sum of segments: what sacreBLEU 2.6.0 keeps
 * per segment, plus the range of reference counts for the signature. A corpus score is the
 * score of the sum, so executors can compute segments and the driver add them up.
 *
 * @param hypothesisLength hypothesis tokens
 * @param referenceLength tokens of the reference closest in length to the hypothesis, the
 *     shorter one on a tie
 * @param matches clipped n-gram matches per order, index n - 1
 * @param totals hypothesis n-grams per order, index n - 1
 * @param references reference counts of the summed segments
 */
public record BleuStats(long hypothesisLength, long referenceLength, long[] matches,
    long[] totals, ReferenceCount references) implements Serializable {

  public BleuStats {
    Objects.requireNonNull(references, "references");
    if (matches.length != totals.length) {
      throw new IllegalArgumentException("matches has " + matches.length + " orders but totals "
          + totals.length + ": both must have one entry per n-gram order.");
    }
    matches = matches.clone();
    totals = totals.clone();
  }

  /** Returns the statistics of an empty sum for n-grams up to {@code maxNgramOrder}. */
  public static BleuStats zero(int maxNgramOrder) {
    return new BleuStats(0, 0, new long[maxNgramOrder], new long[maxNgramOrder],
        ReferenceCount.NONE);
  }

  @Override
  public long[] matches() {
    return matches.clone();
  }

  @Override
  public long[] totals() {
    return totals.clone();
  }

  /** Returns the statistics as one vector: lengths, then matches, then totals. */
  public long[] toVector() {
    int orders = matches.length;
    long[] vector = new long[2 + 2 * orders];
    vector[0] = hypothesisLength;
    vector[1] = referenceLength;
    System.arraycopy(matches, 0, vector, 2, orders);
    System.arraycopy(totals, 0, vector, 2 + orders, orders);
    return vector;
  }

  /** Returns the statistics of a vector laid out as {@link #toVector}. */
  public static BleuStats fromVector(long[] vector, ReferenceCount references) {
    int orders = (vector.length - 2) / 2;
    return new BleuStats(vector[0], vector[1], Arrays.copyOfRange(vector, 2, 2 + orders),
        Arrays.copyOfRange(vector, 2 + orders, 2 + 2 * orders), references);
  }

  /** Returns the element-wise sum. */
  public BleuStats plus(BleuStats other) {
    if (other.matches.length != matches.length) {
      throw new IllegalArgumentException("Cannot add BLEU statistics of max order "
          + other.matches.length + " to statistics of max order " + matches.length
          + ": compute both with the same max_ngram_order.");
    }
    long[] sumMatches = new long[matches.length];
    long[] sumTotals = new long[totals.length];
    for (int i = 0; i < matches.length; i++) {
      sumMatches[i] = matches[i] + other.matches[i];
      sumTotals[i] = totals[i] + other.totals[i];
    }
    return new BleuStats(hypothesisLength + other.hypothesisLength,
        referenceLength + other.referenceLength, sumMatches, sumTotals,
        references.plus(other.references));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BleuStats that && hypothesisLength == that.hypothesisLength
        && referenceLength == that.referenceLength && Arrays.equals(matches, that.matches)
        && Arrays.equals(totals, that.totals) && references.equals(that.references);
  }

  @Override
  public int hashCode() {
    return Objects.hash(hypothesisLength, referenceLength, Arrays.hashCode(matches),
        Arrays.hashCode(totals), references);
  }

  @Override
  public String toString() {
    return "BleuStats[hypothesisLength=" + hypothesisLength + ", referenceLength="
        + referenceLength + ", matches=" + Arrays.toString(matches) + ", totals="
        + Arrays.toString(totals) + ", references=" + references + "]";
  }
}
