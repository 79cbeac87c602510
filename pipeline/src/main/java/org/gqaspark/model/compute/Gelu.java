package org.gqaspark.model.compute;

/**
 * GELU with the tanh approximation ("gelu_new" in Hugging Face, used by T5 v1.1's gated
 * feed-forward): {@code gelu(x) = 0.5 x (1 + tanh(c (x + 0.044715 x^3)))}, c = sqrt(2 / pi).
 */
final class Gelu {

  private static final double C = Math.sqrt(2.0 / Math.PI);
  private static final double CUBIC = 0.044715;

  private Gelu() {}

  static double value(double x) {
    return 0.5 * x * (1.0 + Math.tanh(C * (x + CUBIC * x * x * x)));
  }

  /** d gelu / dx = 0.5 (1 + t) + 0.5 x (1 - t^2) c (1 + 3 * 0.044715 x^2), t the tanh above. */
  static double derivative(double x) {
    double t = Math.tanh(C * (x + CUBIC * x * x * x));
    return 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * C * (1.0 + 3.0 * CUBIC * x * x);
  }
}
