package org.gqaspark.experiment;

import java.math.BigDecimal;

/**
 * One model of the comparison: a number of key/value heads, how the multi-head checkpoint was
 * converted to it, and the uptraining fraction alpha. The multi-head baseline (G = H) is not
 * converted and is uptrained for the same steps, as Ainslie et al. (2023) do for their MHA
 * rows.
 *
 * @param numHeads H, query heads per attention layer
 * @param keyValueHeads G, key/value heads of the converted layers; H for the baseline
 * @param method mean, first or random; null for the baseline
 * @param alpha uptraining steps as a fraction of the pretraining steps
 */
public record Variant(int numHeads, int keyValueHeads, String method, double alpha) {

  public Variant {
    if (keyValueHeads <= 0 || numHeads % keyValueHeads != 0) {
      throw ExperimentErrors.invalidSetting("experiment.convert.key-value-heads",
          keyValueHeads, "a divisor of the model's " + numHeads + " heads");
    }
    if (!(alpha > 0)) {
      throw ExperimentErrors.invalidSetting("experiment.uptrain.alphas", alpha,
          "positive fractions of the pretraining steps (the GQA paper uses 0.05)");
    }
  }

  /** Returns whether this is the unconverted multi-head model. */
  public boolean isBaseline() {
    return keyValueHeads == numHeads;
  }

  /**
   * Returns the conversion's name in run ids: {@code kv2-mean}, or {@code mha} for the
   * baseline.
   */
  public String conversionName() {
    return isBaseline() ? "mha" : "kv" + keyValueHeads + "-" + method;
  }

  /** Returns the variant's name in run ids, such as {@code kv2-mean-a0.05} or {@code mha-a0.05}. */
  public String name() {
    return conversionName() + "-a" + alphaText(alpha);
  }

  /** Returns alpha without trailing zeros or exponent: 0.05, 0.1, 1. */
  static String alphaText(double alpha) {
    return new BigDecimal(Double.toString(alpha)).stripTrailingZeros().toPlainString();
  }
}
