package org.gqaspark.metrics;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * BLEU smoothing methods of sacreBLEU 2.6.0, after Chen and Cherry (2014), "A Systematic
 * Comparison of Smoothing Techniques for Sentence-Level BLEU".
 */
public enum SmoothMethod {
  /** No smoothing: a zero precision makes BLEU 0. */
  NONE("none", Double.NaN),
  /** Method 1: a zero match count becomes {@code value}, 0.1 by default. */
  FLOOR("floor", 0.1),
  /** Method 2: adds {@code value} (1 by default) to matches and totals of orders 2 and up. */
  ADD_K("add-k", 1.0),
  /** Method 3, NIST's mteval-v13a: the k-th zero precision becomes 1 / (2^k * total). */
  EXP("exp", Double.NaN);

  private final String signatureName;
  private final double defaultValue;

  SmoothMethod(String signatureName, double defaultValue) {
    this.signatureName = signatureName;
    this.defaultValue = defaultValue;
  }

  public String signatureName() {
    return signatureName;
  }

  /** Returns whether the method reads a smoothing value. */
  public boolean takesValue() {
    return !Double.isNaN(defaultValue);
  }

  /** Returns sacreBLEU's default value, or NaN for methods without one. */
  public double defaultValue() {
    return defaultValue;
  }

  /** Returns the method with this signature name, for example "exp" or "add-k". */
  public static SmoothMethod fromName(String name) {
    for (SmoothMethod method : values()) {
      if (method.signatureName.equals(name)) {
        return method;
      }
    }
    String choices = Arrays.stream(values()).map(SmoothMethod::signatureName)
        .collect(Collectors.joining(", "));
    throw MetricErrors.invalidOption("smooth_method", name, "one of " + choices);
  }
}
