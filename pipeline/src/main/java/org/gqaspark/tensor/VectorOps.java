package org.gqaspark.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise and reduction kernels on float slices (array, offset, length): dot, axpy,
 * scale, sum, max and elementwise multiply. Each is a vector loop over whole vectors of the
 * preferred species followed by a scalar tail; {@link Reference} contains the plain loops they
 * are tested against.
 *
 * <p>Results of the reductions (dot, sum) differ from the reference in the last bits because
 * the vector loop adds in another order. Every method checks its slices and throws
 * {@link IllegalArgumentException} when one does not fit its array.
 */
public final class VectorOps {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

  private VectorOps() {}

  /** Plain scalar loops with the same contracts, the reference for tests. */
  public static final class Reference {

    private Reference() {}

    public static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
      float sum = 0f;
      for (int i = 0; i < length; i++) {
        sum += a[aOffset + i] * b[bOffset + i];
      }
      return sum;
    }

    public static void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset,
        int length) {
      for (int i = 0; i < length; i++) {
        y[yOffset + i] += alpha * x[xOffset + i];
      }
    }

    public static void scale(float alpha, float[] x, int offset, int length) {
      for (int i = 0; i < length; i++) {
        x[offset + i] *= alpha;
      }
    }

    public static float sum(float[] x, int offset, int length) {
      float sum = 0f;
      for (int i = 0; i < length; i++) {
        sum += x[offset + i];
      }
      return sum;
    }

    public static float max(float[] x, int offset, int length) {
      float max = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < length; i++) {
        max = Math.max(max, x[offset + i]);
      }
      return max;
    }

    public static void multiply(float[] a, int aOffset, float[] b, int bOffset, float[] out,
        int outOffset, int length) {
      for (int i = 0; i < length; i++) {
        out[outOffset + i] = a[aOffset + i] * b[bOffset + i];
      }
    }
  }

  /** Returns the sum of {@code a[i] * b[i]} over the two slices. */
  public static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    Slices.check("a", a, aOffset, length);
    Slices.check("b", b, bOffset, length);
    FloatVector acc = FloatVector.zero(SPECIES);
    int i = 0;
    for (int upper = SPECIES.loopBound(length); i < upper; i += LANES) {
      FloatVector va = FloatVector.fromArray(SPECIES, a, aOffset + i);
      acc = va.fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc);
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    for (; i < length; i++) {
      sum += a[aOffset + i] * b[bOffset + i];
    }
    return sum;
  }

  /**
   * Computes {@code y += alpha * x} over the slices. x and y may be the same slice (same
   * array and offset) but must not overlap otherwise.
   */
  public static void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset,
      int length) {
    Slices.check("x", x, xOffset, length);
    Slices.check("y", y, yOffset, length);
    FloatVector alphas = FloatVector.broadcast(SPECIES, alpha);
    int i = 0;
    for (int upper = SPECIES.loopBound(length); i < upper; i += LANES) {
      FloatVector vx = FloatVector.fromArray(SPECIES, x, xOffset + i);
      vx.fma(alphas, FloatVector.fromArray(SPECIES, y, yOffset + i)).intoArray(y, yOffset + i);
    }
    for (; i < length; i++) {
      y[yOffset + i] += alpha * x[xOffset + i];
    }
  }

  /** Multiplies the slice by {@code alpha} in place. */
  public static void scale(float alpha, float[] x, int offset, int length) {
    Slices.check("x", x, offset, length);
    int i = 0;
    for (int upper = SPECIES.loopBound(length); i < upper; i += LANES) {
      FloatVector.fromArray(SPECIES, x, offset + i).mul(alpha).intoArray(x, offset + i);
    }
    for (; i < length; i++) {
      x[offset + i] *= alpha;
    }
  }

  /** Returns the sum of the slice; 0 for an empty slice. */
  public static float sum(float[] x, int offset, int length) {
    Slices.check("x", x, offset, length);
    FloatVector acc = FloatVector.zero(SPECIES);
    int i = 0;
    for (int upper = SPECIES.loopBound(length); i < upper; i += LANES) {
      acc = acc.add(FloatVector.fromArray(SPECIES, x, offset + i));
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    for (; i < length; i++) {
      sum += x[offset + i];
    }
    return sum;
  }

  /**
   * Returns the maximum of the slice, NaN if it contains NaN, and negative infinity for an
   * empty slice.
   */
  public static float max(float[] x, int offset, int length) {
    Slices.check("x", x, offset, length);
    FloatVector acc = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
    int i = 0;
    for (int upper = SPECIES.loopBound(length); i < upper; i += LANES) {
      acc = acc.max(FloatVector.fromArray(SPECIES, x, offset + i));
    }
    float max = acc.reduceLanes(VectorOperators.MAX);
    for (; i < length; i++) {
      max = Math.max(max, x[offset + i]);
    }
    return max;
  }

  /**
   * Computes {@code out[i] = a[i] * b[i]}. out may be the same slice as a or b (in place);
   * other overlaps are not allowed.
   */
  public static void multiply(float[] a, int aOffset, float[] b, int bOffset, float[] out,
      int outOffset, int length) {
    Slices.check("a", a, aOffset, length);
    Slices.check("b", b, bOffset, length);
    Slices.check("out", out, outOffset, length);
    int i = 0;
    for (int upper = SPECIES.loopBound(length); i < upper; i += LANES) {
      FloatVector va = FloatVector.fromArray(SPECIES, a, aOffset + i);
      va.mul(FloatVector.fromArray(SPECIES, b, bOffset + i)).intoArray(out, outOffset + i);
    }
    for (; i < length; i++) {
      out[outOffset + i] = a[aOffset + i] * b[bOffset + i];
    }
  }
}
