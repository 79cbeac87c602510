package org.gqaspark.model.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SkinnyMatmul} against its scalar reference on odd shapes: 1 to 9 rows, depths
 * around the vector width, padded leading dimensions, offsets, column ranges and both
 * layouts of B. Tolerance: {@code 1e-5 * max(1, max|reference|)}.
 */
class SkinnyMatmulTest {

  private final SplittableRandom random = new SplittableRandom(77);

  @Test
  void matchesReferenceOnOddShapes() {
    for (boolean transB : new boolean[] {true, false}) {
      for (int m : new int[] {1, 2, 3, 4, 5, 7, 8, 9}) {
        for (int k : new int[] {1, 15, 16, 17, 64, 100}) {
          for (float beta : new float[] {0f, 1f, 0.5f}) {
            check(transB, m, 23, k, 0.75f, beta, 3, 5);
          }
        }
      }
    }
  }

  @Test
  void betaZeroIgnoresNan() {
    float[] a = {1f, 2f};
    float[] b = {3f, 4f, 5f, 6f}; // B [n = 2, k = 2]
    float[] c = {Float.NaN, Float.NaN};
    SkinnyMatmul.multiply(true, 1, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2, 0, 2);
    assertEquals(11f, c[0]);
    assertEquals(17f, c[1]);
  }

  /** Checks columns [col0, n - col1Trim) of one product with padded storage. */
  private void check(boolean transB, int m, int n, int k, float alpha, float beta,
      int col0, int col1Trim) {
    int lda = k + 3;
    int ldb = (transB ? k : n) + 2;
    int ldc = n + 1;
    int offset = 4;
    float[] a = randomArray(offset + m * lda);
    float[] b = randomArray(offset + (transB ? n : k) * ldb);
    float[] c = randomArray(offset + m * ldc);
    float[] expected = c.clone();

    SkinnyMatmul.Reference.multiply(transB, m, k, alpha, a, offset, lda, b, offset, ldb, beta,
        expected, offset, ldc, col0, n - col1Trim);
    SkinnyMatmul.multiply(transB, m, k, alpha, a, offset, lda, b, offset, ldb, beta, c,
        offset, ldc, col0, n - col1Trim);

    double scale = 1;
    double worst = 0;
    for (int i = 0; i < c.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      worst = Math.max(worst, Math.abs(expected[i] - c[i]));
    }
    assertTrue(worst <= 1e-5 * scale, "transB " + transB + ", m " + m + ", k " + k
        + ", beta " + beta + ": differs by " + worst + " (scale " + scale + ")");
  }

  private float[] randomArray(int length) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
