package org.gqaspark.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row kernels of the T5 layers, forward and backward side by side: softmax over a row of
 * attention logits, and T5's RMS norm (no mean subtraction, no bias). Each is a vector loop
 * over whole vectors of the preferred species followed by a scalar tail; {@link Reference}
 * contains the plain loops they are tested against.
 *
 * <p>Every method checks its slices and throws {@link IllegalArgumentException} when one does
 * not fit its array. "May alias" below means the same array and offset; partially
 * overlapping slices are never allowed.
 */
public final class RowOps {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

  private RowOps() {}

  /** Plain scalar loops with the same contracts, the reference for tests. */
  public static final class Reference {

    private Reference() {}

    public static void softmax(float[] x, int xOffset, float[] y, int yOffset, int length) {
      float max = VectorOps.Reference.max(x, xOffset, length);
      if (max == Float.NEGATIVE_INFINITY) {
        java.util.Arrays.fill(y, yOffset, yOffset + length, 0f);
        return;
      }
      float sum = 0f;
      for (int i = 0; i < length; i++) {
        float e = (float) Math.exp(x[xOffset + i] - max);
        y[yOffset + i] = e;
        sum += e;
      }
      for (int i = 0; i < length; i++) {
        y[yOffset + i] /= sum;
      }
    }

    public static void softmaxBackward(float[] y, int yOffset, float[] dy, int dyOffset,
        float[] dx, int dxOffset, int length) {
      float dotYdy = VectorOps.Reference.dot(y, yOffset, dy, dyOffset, length);
      for (int i = 0; i < length; i++) {
        dx[dxOffset + i] = y[yOffset + i] * (dy[dyOffset + i] - dotYdy);
      }
    }

    public static float rmsNorm(float[] x, int xOffset, float[] w, int wOffset, float[] y,
        int yOffset, int length, float eps) {
      float meanSquare = VectorOps.Reference.dot(x, xOffset, x, xOffset, length) / length;
      float invRms = (float) (1.0 / Math.sqrt(meanSquare + eps));
      for (int i = 0; i < length; i++) {
        y[yOffset + i] = w[wOffset + i] * (x[xOffset + i] * invRms);
      }
      return invRms;
    }

    public static void rmsNormBackward(float[] x, int xOffset, float[] w, int wOffset,
        float invRms, float[] dy, int dyOffset, float[] dx, int dxOffset, float[] dw,
        int dwOffset, int length) {
      float meanProduct = 0f;
      for (int i = 0; i < length; i++) {
        meanProduct += dy[dyOffset + i] * w[wOffset + i] * x[xOffset + i] * invRms;
      }
      meanProduct /= length;
      for (int i = 0; i < length; i++) {
        float normalized = x[xOffset + i] * invRms;
        dw[dwOffset + i] += dy[dyOffset + i] * normalized;
        dx[dxOffset + i] = invRms * (dy[dyOffset + i] * w[wOffset + i]
            - normalized * meanProduct);
      }
    }
  }

  /**
   * Computes {@code y = exp(x - max(x)) / sum(exp(x - max(x)))} over one row, which equals
   * softmax(x) without overflowing for large logits. A row whose elements are all negative
   * infinity (fully masked) gives zeros. y may alias x.
   */
  public static void softmax(float[] x, int xOffset, float[] y, int yOffset, int length) {
    Slices.check("x", x, xOffset, length);
    Slices.check("y", y, yOffset, length);
    float max = VectorOps.max(x, xOffset, length);
    if (max == Float.NEGATIVE_INFINITY) {
      java.util.Arrays.fill(y, yOffset, yOffset + length, 0f);
      return;
    }

    // y = exp(x - max), summed on the way.
    FloatVector sums = FloatVector.zero(SPECIES);
    int i = 0;
    for (int upper = SPECIES.loopBound(length); i < upper; i += LANES) {
      FloatVector e = VectorMath.exp(FloatVector.fromArray(SPECIES, x, xOffset + i).sub(max));
      e.intoArray(y, yOffset + i);
      sums = sums.add(e);
    }
    float sum = sums.reduceLanes(VectorOperators.ADD);
    for (; i < length; i++) {
      float e = (float) Math.exp(x[xOffset + i] - max);
      y[yOffset + i] = e;
      sum += e;
    }

    VectorOps.scale(1f / sum, y, yOffset, length);
  }

  /**
   * Backward of {@link #softmax}: given the output y and the gradient dy of the loss with
   * respect to y, computes {@code dx = y * (dy - dot(y, dy))}. dx may alias dy or y.
   */
  public static void softmaxBackward(float[] y, int yOffset, float[] dy, int dyOffset,
      float[] dx, int dxOffset, int length) {
    Slices.check("dx", dx, dxOffset, length);
    float dotYdy = VectorOps.dot(y, yOffset, dy, dyOffset, length);
    int i = 0;
    for (int upper = SPECIES.loopBound(length); i < upper; i += LANES) {
      FloatVector vy = FloatVector.fromArray(SPECIES, y, yOffset + i);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyOffset + i);
      vy.mul(vdy.sub(dotYdy)).intoArray(dx, dxOffset + i);
    }
    for (; i < length; i++) {
      dx[dxOffset + i] = y[yOffset + i] * (dy[dyOffset + i] - dotYdy);
    }
  }

  /**
   * T5's RMS norm of one row: {@code y = w * x / sqrt(mean(x^2) + eps)}, with no mean
   * subtraction and no bias (Hugging Face's T5LayerNorm). Returns
   * {@code 1 / sqrt(mean(x^2) + eps)}, which {@link #rmsNormBackward} needs. y may alias x.
   */
  public static float rmsNorm(float[] x, int xOffset, float[] w, int wOffset, float[] y,
      int yOffset, int length, float eps) {
    Slices.check("w", w, wOffset, length);
    Slices.check("y", y, yOffset, length);
    float meanSquare = VectorOps.dot(x, xOffset, x, xOffset, length) / length;
    float invRms = (float) (1.0 / Math.sqrt(meanSquare + eps));

    int i = 0;
    for (int upper = SPECIES.loopBound(length); i < upper; i += LANES) {
      FloatVector vx = FloatVector.fromArray(SPECIES, x, xOffset + i).mul(invRms);
      vx.mul(FloatVector.fromArray(SPECIES, w, wOffset + i)).intoArray(y, yOffset + i);
    }
    for (; i < length; i++) {
      y[yOffset + i] = w[wOffset + i] * (x[xOffset + i] * invRms);
    }
    return invRms;
  }

  /**
   * Backward of {@link #rmsNorm} for one row. With {@code n = x * invRms} (the normalised
   * row) and {@code g = dy * w}:
   * {@code dx = invRms * (g - n * mean(g * n))}, and {@code dw += dy * n} (accumulated, so
   * the caller sums the weight gradient over rows). dx may alias dy; x, w and dw must not
   * alias dx.
   *
   * @param invRms the value {@link #rmsNorm} returned for this row
   */
  public static void rmsNormBackward(float[] x, int xOffset, float[] w, int wOffset,
      float invRms, float[] dy, int dyOffset, float[] dx, int dxOffset, float[] dw,
      int dwOffset, int length) {
    Slices.check("x", x, xOffset, length);
    Slices.check("w", w, wOffset, length);
    Slices.check("dy", dy, dyOffset, length);
    Slices.check("dx", dx, dxOffset, length);
    Slices.check("dw", dw, dwOffset, length);

    // mean(g * n) = mean(dy * w * x) * invRms.
    FloatVector acc = FloatVector.zero(SPECIES);
    int i = 0;
    int upper = SPECIES.loopBound(length);
    for (; i < upper; i += LANES) {
      FloatVector g = FloatVector.fromArray(SPECIES, dy, dyOffset + i)
          .mul(FloatVector.fromArray(SPECIES, w, wOffset + i));
      acc = g.fma(FloatVector.fromArray(SPECIES, x, xOffset + i), acc);
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    for (; i < length; i++) {
      sum += dy[dyOffset + i] * w[wOffset + i] * x[xOffset + i];
    }
    float meanProduct = sum * invRms / length;

    for (i = 0; i < upper; i += LANES) {
      FloatVector normalized = FloatVector.fromArray(SPECIES, x, xOffset + i).mul(invRms);
      FloatVector vdy = FloatVector.fromArray(SPECIES, dy, dyOffset + i);
      vdy.fma(normalized, FloatVector.fromArray(SPECIES, dw, dwOffset + i))
          .intoArray(dw, dwOffset + i);
      FloatVector g = vdy.mul(FloatVector.fromArray(SPECIES, w, wOffset + i));
      g.sub(normalized.mul(meanProduct)).mul(invRms).intoArray(dx, dxOffset + i);
    }
    for (; i < length; i++) {
      float normalized = x[xOffset + i] * invRms;
      dw[dwOffset + i] += dy[dyOffset + i] * normalized;
      dx[dxOffset + i] = invRms * (dy[dyOffset + i] * w[wOffset + i]
          - normalized * meanProduct);
    }
  }
}
