package org.gqaspark.metrics;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Summable ROUGE statistics: per type the sums of precision, recall and F over the segments,
 * and the number of segments. The corpus score is their mean, as rouge-score averages. The
 * sums are exact (BigDecimal), so the mean does not depend on the order in which Spark adds
 * partitions, and it equals the single-process mean to the last bit.
 *
 * @param types the ROUGE types, in order
 * @param sums 3 sums per type: precision, recall, F
 * @param segments the number of summed segments
 * @param references reference counts of the summed segments
 */
public record RougeStats(List<RougeType> types, BigDecimal[] sums, long segments,
    ReferenceCount references) implements Serializable {

  public RougeStats {
    types = List.copyOf(types);
    Objects.requireNonNull(references, "references");
    if (sums.length != 3 * types.size()) {
      throw new IllegalArgumentException("ROUGE statistics need 3 sums per type but got "
          + sums.length + " sums for " + types.size() + " types.");
    }
    sums = sums.clone();
  }

  /** Returns the statistics of an empty sum over {@code types}. */
  public static RougeStats zero(List<RougeType> types) {
    BigDecimal[] sums = new BigDecimal[3 * types.size()];
    Arrays.fill(sums, BigDecimal.ZERO);
    return new RougeStats(types, sums, 0, ReferenceCount.NONE);
  }

  /** Returns the statistics of one segment with these scores. */
  static RougeStats of(List<RougeType> types, Map<RougeType, PrfScore> scores,
      ReferenceCount references) {
    BigDecimal[] sums = new BigDecimal[3 * types.size()];
    for (int t = 0; t < types.size(); t++) {
      PrfScore score = scores.get(types.get(t));
      sums[3 * t] = new BigDecimal(score.precision());
      sums[3 * t + 1] = new BigDecimal(score.recall());
      sums[3 * t + 2] = new BigDecimal(score.fmeasure());
    }
    return new RougeStats(types, sums, 1, references);
  }

  @Override
  public BigDecimal[] sums() {
    return sums.clone();
  }

  /** Returns the element-wise sum. */
  public RougeStats plus(RougeStats other) {
    if (!other.types.equals(types)) {
      throw new IllegalArgumentException("Cannot add ROUGE statistics of types " + other.types
          + " to statistics of types " + types + ": compute both with the same types.");
    }
    BigDecimal[] sum = new BigDecimal[sums.length];
    for (int i = 0; i < sums.length; i++) {
      sum[i] = sums[i].add(other.sums[i]);
    }
    return new RougeStats(types, sum, segments + other.segments,
        references.plus(other.references));
  }

  /** Returns the mean precision, recall and F of one type over the summed segments. */
  public PrfScore mean(RougeType type) {
    if (segments == 0) {
      throw MetricErrors.emptyCorpus();
    }
    int t = types.indexOf(type);
    if (t < 0) {
      throw MetricErrors.invalidOption("rouge_type", type.name(), "one of " + types);
    }
    BigDecimal count = BigDecimal.valueOf(segments);
    return new PrfScore(
        sums[3 * t].divide(count, MathContext.DECIMAL128).doubleValue(),
        sums[3 * t + 1].divide(count, MathContext.DECIMAL128).doubleValue(),
        sums[3 * t + 2].divide(count, MathContext.DECIMAL128).doubleValue());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RougeStats that && types.equals(that.types)
        && Arrays.equals(sums, that.sums) && segments == that.segments
        && references.equals(that.references);
  }

  @Override
  public int hashCode() {
    return Objects.hash(types, Arrays.hashCode(sums), segments, references);
  }

  @Override
  public String toString() {
    return "RougeStats[types=" + types + ", sums=" + Arrays.toString(sums) + ", segments="
        + segments + ", references=" + references + "]";
  }
}
