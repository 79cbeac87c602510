package org.gqaspark.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Central finite differences in double precision: compares an analytic gradient with
 * {@code (L(x + h) - L(x - h)) / 2h} for chosen elements of one tensor.
 *
 * <p>Tolerance per element: {@code |analytic - numeric| <= ABSOLUTE + RELATIVE * |numeric|}.
 * With h = 1e-5 the truncation error is about h^2 |L'''| ~ 1e-10 and the rounding error
 * about 1e-16 |L| / h ~ 1e-11 for the losses here, far below the tolerance; a wrong
 * backward formula misses it by orders of magnitude.
 */
final class GradientCheck {

  static final double STEP = 1e-5;
  static final double RELATIVE = 1e-6;
  static final double ABSOLUTE = 1e-8;

  private GradientCheck() {}

  /**
   * Checks {@code analytic[i]} against finite differences of {@code loss} in
   * {@code values[i]} for each index, restoring every value afterwards.
   *
   * @param maxElements checks all elements when the tensor is no larger, else this many
   *     chosen at random (seeded)
   */
  static void check(String name, double[] values, double[] analytic, DoubleSupplier loss,
      int maxElements) {
    int[] indices = indices(values.length, maxElements, name.hashCode());
    double worst = 0;
    int worstIndex = -1;
    double worstAnalytic = 0;
    double worstNumeric = 0;
    for (int i : indices) {
      double saved = values[i];
      values[i] = saved + STEP;
      double plus = loss.getAsDouble();
      values[i] = saved - STEP;
      double minus = loss.getAsDouble();
      values[i] = saved;
      double numeric = (plus - minus) / (2 * STEP);
      double excess = Math.abs(analytic[i] - numeric) / (ABSOLUTE + RELATIVE * Math.abs(numeric));
      if (excess > worst) {
        worst = excess;
        worstIndex = i;
        worstAnalytic = analytic[i];
        worstNumeric = numeric;
      }
    }
    String message = name + ": element " + worstIndex + " analytic " + worstAnalytic
        + " numeric " + worstNumeric + " exceeds |a - n| <= " + ABSOLUTE + " + " + RELATIVE
        + " |n| by a factor " + worst;
    assertTrue(worst <= 1.0, message);
  }

  private static int[] indices(int length, int maxElements, long seed) {
    if (length <= maxElements) {
      int[] all = new int[length];
      for (int i = 0; i < length; i++) {
        all[i] = i;
      }
      return all;
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] chosen = new int[maxElements];
    for (int i = 0; i < maxElements; i++) {
      chosen[i] = random.nextInt(length);
    }
    return chosen;
  }
}
