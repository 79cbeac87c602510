package org.gqaspark.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Activations of T5's feed-forward layers, forward and backward: ReLU (t5, "relu") and the
 * tanh approximation of GELU (t5 v1.1 and later, "gated-gelu", Hugging Face's "gelu_new"):
 * {@code gelu(x) = 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))}.
 *
 * <p>Each is a vector loop over whole vectors of the preferred species followed by a scalar
 * tail; {@link Reference} contains the plain loops they are tested against. Outputs may alias
 * the input of the same role (y may be x, dx may be dy: same array and offset); partially
 * overlapping slices are never allowed. Every method checks its slices and throws
 * {@link IllegalArgumentException} when one does not fit its array.
 */
public final class Activations {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

  /** sqrt(2 / pi). */
  static final float GELU_SCALE = (float) Math.sqrt(2.0 / Math.PI);
  /** Coefficient of x^3 in the tanh approximation. */
  static final float GELU_CUBIC = 0.044715f;

  private Activations() {}

  /** Plain scalar loops with the same contracts, the reference for tests. */
  public static final class Reference {

    private Reference() {}

    public static void relu(float[] x, int xOffset, float[] y, int yOffset, int length) {
      for (int i = 0; i < length; i++) {
        y[yOffset + i] = Math.max(x[xOffset + i], 0f);
      }
    }

    public static void reluBackward(float[] x, int xOffset, float[] dy, int dyOffset,
        float[] dx, int dxOffset, int length) {
      for (int i = 0; i < length; i++) {
        dx[dxOffset + i] = x[xOffset + i] > 0f ? dy[dyOffset + i] : 0f;
      }
    }

    public static void gelu(float[] x, int xOffset, float[] y, int yOffset, int length) {
      for (int i = 0; i < length; i++) {
        float v = x[xOffset + i];
        float t = (float) Math.tanh(GELU_SCALE * (v + GELU_CUBIC * v * v * v));
        y[yOffset + i] = 0.5f * v * (1f + t);
      }
    }

    public static void geluBackward(float[] x, int xOffset, float[] dy, int dyOffset,
        float[] dx, int dxOffset, int length) {
      for (int i = 0; i < length; i++) {
        float v = x[xOffset + i];
        float t = (float) Math.tanh(GELU_SCALE * (v + GELU_CUBIC * v * v * v));
        float du = GELU_SCALE * (1f + 3f * GELU_CUBIC * v * v);
        dx[dxOffset + i] = dy[dyOffset + i] * (0.5f * (1f + t) + 0.5f * v * (1f - t * t) * du);
      }
    }
  }

  /** Computes {@code y = max(x, 0)}; NaN stays NaN. y may alias x. */
  public static void relu(float[] x, int xOffset, float[] y, int yOffset, int length) {
    Slices.check("x", x, xOffset, length);
    Slices.check("y", y, yOffset, length);
    int i = 0;
    for (int upper = SPECIES.loopBound(length); i < upper; i += LANES) {
      FloatVector.fromArray(SPECIES, x, xOffset + i).max(0f).intoArray(y, yOffset + i);
    }
    for (; i < length; i++) {
      y[yOffset + i] = Math.max(x[xOffset + i], 0f);
    }
  }

  /**
   * Backward of {@link #relu}: {@code dx = dy} where {@code x > 0}, else 0 (the gradient at
   * 0 is taken as 0, as PyTorch does). dx may alias dy.
   */
  public static void reluBackward(float[] x, int xOffset, float[] dy, int dyOffset,
      float[] dx, int dxOffset, int length) {
    Slices.check("x", x, xOffset, length);
    Slices.check("dy", dy, dyOffset, length);
    Slices.check("dx", dx, dxOffset, length);
    FloatVector zero = FloatVector.zero(SPECIES);
    int i = 0;
    for (int upper = SPECIES.loopBound(length); i < upper; i += LANES) {
      FloatVector vx = FloatVector.fromArray(SPECIES, x, xOffset + i);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyOffset + i);
      zero.blend(vdy, vx.compare(VectorOperators.GT, 0f)).intoArray(dx, dxOffset + i);
    }
    for (; i < length; i++) {
      dx[dxOffset + i] = x[xOffset + i] > 0f ? dy[dyOffset + i] : 0f;
    }
  }

  /** Computes the tanh approximation of GELU elementwise. y may alias x. */
  public static void gelu(float[] x, int xOffset, float[] y, int yOffset, int length) {
    Slices.check("x", x, xOffset, length);
    Slices.check("y", y, yOffset, length);
    int i = 0;
    for (int upper = SPECIES.loopBound(length); i < upper; i += LANES) {
      FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + i);
      FloatVector t = VectorMath.tanh(tanhArgument(v));
      v.mul(0.5f).mul(t.add(1f)).intoArray(y, yOffset + i);
    }
    for (; i < length; i++) {
      float v = x[xOffset + i];
      float t = (float) Math.tanh(GELU_SCALE * (v + GELU_CUBIC * v * v * v));
      y[yOffset + i] = 0.5f * v * (1f + t);
    }
  }

  /**
   * Backward of {@link #gelu}: with {@code u = sqrt(2/pi) * (x + 0.044715 x^3)} and
   * {@code t = tanh(u)},
   * {@code dx = dy * (0.5 (1 + t) + 0.5 x (1 - t^2) sqrt(2/pi) (1 + 3 * 0.044715 x^2))}.
   * dx may alias dy.
   */
  public static void geluBackward(float[] x, int xOffset, float[] dy, int dyOffset,
      float[] dx, int dxOffset, int length) {
    Slices.check("x", x, xOffset, length);
    Slices.check("dy", dy, dyOffset, length);
    Slices.check("dx", dx, dxOffset, length);
    int i = 0;
    for (int upper = SPECIES.loopBound(length); i < upper; i += LANES) {
      FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + i);
      FloatVector t = VectorMath.tanh(tanhArgument(v));
      FloatVector du = v.mul(v).mul(3f * GELU_CUBIC).add(1f).mul(GELU_SCALE);
      FloatVector oneMinusT2 = t.mul(t).neg().add(1f);
      FloatVector slope = t.add(1f).mul(0.5f).add(v.mul(0.5f).mul(oneMinusT2).mul(du));
      FloatVector.fromArray(SPECIES, dy, dyOffset + i).mul(slope).intoArray(dx, dxOffset + i);
    }
    for (; i < length; i++) {
      float v = x[xOffset + i];
      float t = (float) Math.tanh(GELU_SCALE * (v + GELU_CUBIC * v * v * v));
      float du = GELU_SCALE * (1f + 3f * GELU_CUBIC * v * v);
      dx[dxOffset + i] = dy[dyOffset + i] * (0.5f * (1f + t) + 0.5f * v * (1f - t * t) * du);
    }
  }

  /** sqrt(2/pi) * (x + 0.044715 x^3), the argument of tanh in both directions. */
  private static FloatVector tanhArgument(FloatVector v) {
    return v.mul(v).mul(GELU_CUBIC).add(1f).mul(v).mul(GELU_SCALE);
  }
}
