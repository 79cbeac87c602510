package org.gqaspark.metrics;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A BLEU score with the statistics behind it, as sacreBLEU 2.6.0's {@code BLEUScore}.
 *
 * @param score BLEU in [0, 100]
 * @param matches clipped n-gram matches per order
 * @param totals hypothesis n-grams per order
 * @param precisions smoothed n-gram precisions in percent, 0 for orders after the last one
 *     with hypothesis n-grams
 * @param brevityPenalty exp(1 - r / c) when the hypothesis length c is below the reference
 *     length r, 0 when c is 0, else 1
 * @param hypothesisLength hypothesis tokens
 * @param referenceLength closest reference tokens
 * @param signature the reproducibility signature
 */
public record BleuScore(double score, long[] matches, long[] totals, double[] precisions,
    double brevityPenalty, long hypothesisLength, long referenceLength, String signature) {

  public BleuScore {
    matches = matches.clone();
    totals = totals.clone();
    precisions = precisions.clone();
  }

  @Override
  public long[] matches() {
    return matches.clone();
  }

  @Override
  public long[] totals() {
    return totals.clone();
  }

  @Override
  public double[] precisions() {
    return precisions.clone();
  }

  /** Returns hypothesis length over reference length, 0 when the reference length is 0. */
  public double ratio() {
    return referenceLength == 0 ? 0.0 : (double) hypothesisLength / referenceLength;
  }

  /**
   * Returns sacreBLEU's verbose line, for example
   * "82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)".
   */
  public String verbose() {
    String precisionText = Arrays.stream(precisions).mapToObj(p -> PythonFormat.fixed(p, 1))
        .collect(Collectors.joining("/"));
    return precisionText + " (BP = " + PythonFormat.fixed(brevityPenalty, 3) + " ratio = "
        + PythonFormat.fixed(ratio(), 3) + " hyp_len = " + hypothesisLength + " ref_len = "
        + referenceLength + ")";
  }
}
