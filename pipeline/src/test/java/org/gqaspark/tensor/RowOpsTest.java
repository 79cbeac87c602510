package org.gqaspark.tensor;

import static org.gqaspark.tensor.KernelChecks.LENGTHS;
import static org.gqaspark.tensor.KernelChecks.OFFSET;
import static org.gqaspark.tensor.KernelChecks.assertClose;
import static org.gqaspark.tensor.KernelChecks.random;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RowOpsTest {

  @Test
  void softmaxMatchesReference() {
    for (int n : LENGTHS) {
      float[] x = random(n, 30f, 1);
      float[] expected = random(n, 1f, 2);
      float[] actual = expected.clone();
      RowOps.Reference.softmax(x, OFFSET, expected, OFFSET, n);
      RowOps.softmax(x, OFFSET, actual, OFFSET, n);
      assertClose(expected, actual, 1e-6, "softmax, length " + n);
    }
  }

  @Test
  void softmaxHandlesLargeLogits() {
    float[] x = {1000f, 999f, -1000f};
    float[] y = new float[3];
    RowOps.softmax(x, 0, y, 0, 3);
    double e = Math.exp(-1);
    float[] expected = {(float) (1 / (1 + e)), (float) (e / (1 + e)), 0f};
    assertClose(expected, y, 1e-6, "softmax of [1000, 999, -1000]");
  }

  @Test
  void softmaxOfMaskedRowIsZero() {
    float[] x = new float[20];
    Arrays.fill(x, Float.NEGATIVE_INFINITY);
    float[] y = new float[20];
    Arrays.fill(y, 7f);
    RowOps.softmax(x, 0, y, 0, 20);
    assertClose(new float[20], y, 0, "softmax of a fully masked row");
  }

  @Test
  void softmaxInPlace() {
    float[] x = random(41, 5f, 3);
    float[] expected = x.clone();
    RowOps.Reference.softmax(x, OFFSET, expected, OFFSET, 41);
    RowOps.softmax(x, OFFSET, x, OFFSET, 41);
    assertClose(expected, x, 1e-6, "softmax in place");
  }

  @Test
  void softmaxBackwardMatchesReference() {
    for (int n : LENGTHS) {
      float[] y = random(n, 1f, 4);
      RowOps.Reference.softmax(y.clone(), OFFSET, y, OFFSET, n);
      float[] dy = random(n, 1f, 5);
      float[] expected = random(n, 1f, 6);
      float[] actual = expected.clone();
      RowOps.Reference.softmaxBackward(y, OFFSET, dy, OFFSET, expected, OFFSET, n);
      RowOps.softmaxBackward(y, OFFSET, dy, OFFSET, actual, OFFSET, n);
      assertClose(expected, actual, 1e-6, "softmax backward, length " + n);
    }
  }

  @Test
  void softmaxBackwardMatchesHandComputation() {
    // y = [0.5, 0.25, 0.25], dy = [1, 0, 2]: dot = 1, dx = y * (dy - 1).
    float[] y = {0.5f, 0.25f, 0.25f};
    float[] dy = {1f, 0f, 2f};
    float[] dx = new float[3];
    RowOps.softmaxBackward(y, 0, dy, 0, dx, 0, 3);
    assertClose(new float[] {0f, -0.25f, 0.25f}, dx, 0, "softmax backward by hand");
  }

  @Test
  void rmsNormMatchesReference() {
    for (int n : LENGTHS) {
      if (n == 0) {
        continue;
      }
      float[] x = random(n, 2f, 7);
      float[] w = random(n, 1f, 8);
      float[] expected = random(n, 1f, 9);
      float[] actual = expected.clone();
      float expectedInv = RowOps.Reference.rmsNorm(x, OFFSET, w, OFFSET, expected, OFFSET, n,
          1e-6f);
      float actualInv = RowOps.rmsNorm(x, OFFSET, w, OFFSET, actual, OFFSET, n, 1e-6f);
      assertEquals(expectedInv, actualInv, 1e-6 * expectedInv, "inverse RMS, length " + n);
      assertClose(expected, actual, 1e-5, "RMS norm, length " + n);
    }
  }

  @Test
  void rmsNormMatchesHandComputation() {
    // x = [3, 4]: mean(x^2) = 12.5, so y = w * x / sqrt(12.5) with eps = 0.
    float[] x = {3f, 4f};
    float[] w = {1f, 2f};
    float[] y = new float[2];
    float inv = RowOps.rmsNorm(x, 0, w, 0, y, 0, 2, 0f);
    float expectedInv = (float) (1 / Math.sqrt(12.5));
    assertEquals(expectedInv, inv, 1e-7, "inverse RMS of [3, 4]");
    assertClose(new float[] {3 * expectedInv, 8 * expectedInv}, y, 1e-6, "RMS norm of [3, 4]");
  }

  @Test
  void rmsNormBackwardMatchesReference() {
    for (int n : LENGTHS) {
      if (n == 0) {
        continue;
      }
      float[] x = random(n, 2f, 10);
      float[] w = random(n, 1f, 11);
      float[] dy = random(n, 1f, 12);
      float inv = RowOps.Reference.rmsNorm(x, OFFSET, w, OFFSET, new float[x.length], OFFSET,
          n, 1e-6f);
      float[] expectedDx = random(n, 1f, 13);
      float[] actualDx = expectedDx.clone();
      float[] expectedDw = random(n, 1f, 14);
      float[] actualDw = expectedDw.clone();
      RowOps.Reference.rmsNormBackward(x, OFFSET, w, OFFSET, inv, dy, OFFSET, expectedDx,
          OFFSET, expectedDw, OFFSET, n);
      RowOps.rmsNormBackward(x, OFFSET, w, OFFSET, inv, dy, OFFSET, actualDx, OFFSET, actualDw,
          OFFSET, n);
      assertClose(expectedDx, actualDx, 1e-5, "RMS norm dx, length " + n);
      assertClose(expectedDw, actualDw, 1e-5, "RMS norm dw, length " + n);
    }
  }

  @Test
  void rmsNormBackwardMatchesFiniteDifferences() {
    // Loss = sum(c * rmsNorm(x)), so dy = c; compare dx with central differences in double.
    int n = 19;
    float[] x = random(n, 1f, 15);
    float[] w = random(n, 1f, 16);
    float[] c = random(n, 1f, 17);
    float eps = 1e-6f;
    float inv = RowOps.rmsNorm(x, OFFSET, w, OFFSET, new float[x.length], OFFSET, n, eps);
    float[] dx = new float[x.length];
    RowOps.rmsNormBackward(x, OFFSET, w, OFFSET, inv, c, OFFSET, dx, OFFSET,
        new float[x.length], OFFSET, n);
    for (int j = 0; j < n; j++) {
      double h = 1e-4;
      double numeric = (loss(x, w, c, n, eps, j, h) - loss(x, w, c, n, eps, j, -h)) / (2 * h);
      assertEquals(numeric, dx[OFFSET + j], 1e-4, "dx[" + j + "] against finite differences");
    }
  }

  /** sum(c * w * x / rms(x)) in double, with x[j] moved by delta. */
  private static double loss(float[] x, float[] w, float[] c, int n, float eps, int j,
      double delta) {
    double[] moved = new double[n];
    double meanSquare = 0;
    for (int i = 0; i < n; i++) {
      moved[i] = x[OFFSET + i] + (i == j ? delta : 0);
      meanSquare += moved[i] * moved[i] / n;
    }
    double inv = 1 / Math.sqrt(meanSquare + eps);
    double loss = 0;
    for (int i = 0; i < n; i++) {
      loss += c[OFFSET + i] * w[OFFSET + i] * moved[i] * inv;
    }
    return loss;
  }
}
