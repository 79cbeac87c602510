package org.gqaspark.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The table of sgemm cases every fast backend is checked on against {@link ScalarGemm}, and
 * the check itself.
 *
 * <p>Shapes cover 0 and 1, primes, sizes just past the micro-tile (6 x 64 on AVX-512) and
 * past every cache block (k > 256, m > 144, n > 1024), each with the four transpose
 * combinations; variants add offsets, leading dimensions larger than the row, alpha and beta
 * other than 1 and 0, and NaN in C with beta == 0.
 */
final class GemmCases {

  private GemmCases() {}

  /**
   * One sgemm call; pads are the extra elements of each leading dimension, which is at least
   * 1 as in BLAS.
   */
  record Case(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta,
      int aOffset, int aPad, int bOffset, int bPad, int cOffset, int cPad) {

    int lda() {
      return Math.max(1, transA ? m : k) + aPad;
    }

    int ldb() {
      return Math.max(1, transB ? k : n) + bPad;
    }

    int ldc() {
      return Math.max(1, n) + cPad;
    }

    @Override
    public String toString() {
      return (transA ? "T" : "N") + (transB ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k
          + " alpha=" + alpha + " beta=" + beta + " offsets=" + aOffset + "/" + bOffset + "/"
          + cOffset + " pads=" + aPad + "/" + bPad + "/" + cPad;
    }
  }

  /** Shapes small enough for the scalar reference, on one thread. */
  static List<Case> small() {
    int[][] shapes = {
        {1, 1, 1}, {1, 7, 1}, {7, 1, 5}, {6, 64, 1}, {5, 63, 3}, {7, 65, 2}, {13, 17, 19},
        {31, 97, 7}, {64, 64, 64}, {97, 131, 257}, {150, 70, 300}, {7, 1100, 3},
        {2, 3, 0}, {0, 5, 3}, {5, 0, 3}};
    List<Case> cases = new ArrayList<>();
    for (int[] shape : shapes) {
      for (int transposes = 0; transposes < 4; transposes++) {
        boolean transA = (transposes & 1) != 0;
        boolean transB = (transposes & 2) != 0;
        int m = shape[0];
        int n = shape[1];
        int k = shape[2];
        cases.add(new Case(transA, transB, m, n, k, 1f, 0f, 0, 0, 0, 0, 0, 0));
        cases.add(new Case(transA, transB, m, n, k, -0.5f, 0.75f, 3, 5, 7, 2, 1, 9));
      }
    }
    cases.add(new Case(false, false, 11, 13, 17, 0f, 2f, 0, 0, 0, 0, 0, 0));
    cases.add(new Case(true, true, 11, 13, 17, 0f, 0f, 1, 1, 1, 1, 1, 1));
    cases.add(new Case(false, true, 19, 23, 29, 1.5f, 1f, 2, 3, 4, 5, 6, 7));
    return cases;
  }

  /** Shapes large enough that several threads get a block each. */
  static List<Case> threaded() {
    List<Case> cases = new ArrayList<>();
    for (int transposes = 0; transposes < 4; transposes++) {
      boolean transA = (transposes & 1) != 0;
      boolean transB = (transposes & 2) != 0;
      cases.add(new Case(transA, transB, 301, 211, 101, 1f, 0f, 0, 0, 0, 0, 0, 0));
      cases.add(new Case(transA, transB, 37, 1031, 263, 0.5f, -1f, 5, 3, 2, 1, 4, 6));
    }
    return cases;
  }

  /**
   * Runs the case on {@code gemm} and on {@link ScalarGemm} with the same seeded inputs and
   * asserts every element of C, padding included, within a bound that grows with k.
   */
  static void check(Gemm gemm, Case c) {
    Random random = new Random(31L * c.m() + 17L * c.n() + c.k());
    float[] a = random(random, c.aOffset() + (c.transA() ? c.k() : c.m()) * c.lda());
    float[] b = random(random, c.bOffset() + (c.transB() ? c.n() : c.k()) * c.ldb());
    float[] cExpected = random(random, c.cOffset() + c.m() * c.ldc());
    if (c.beta() == 0f) {
      // With beta == 0 the old C must be ignored, NaN included; padding keeps its values.
      for (int i = 0; i < c.m(); i++) {
        Arrays.fill(cExpected, c.cOffset() + i * c.ldc(), c.cOffset() + i * c.ldc() + c.n(),
            Float.NaN);
      }
    }
    float[] cActual = cExpected.clone();
    float[] cOld = cExpected.clone();

    new ScalarGemm().sgemm(c.transA(), c.transB(), c.m(), c.n(), c.k(), c.alpha(), a,
        c.aOffset(), c.lda(), b, c.bOffset(), c.ldb(), c.beta(), cExpected, c.cOffset(), c.ldc());
    gemm.sgemm(c.transA(), c.transB(), c.m(), c.n(), c.k(), c.alpha(), a, c.aOffset(),
        c.lda(), b, c.bOffset(), c.ldb(), c.beta(), cActual, c.cOffset(), c.ldc());

    // Inputs are in [-1, 1), so each element is a sum of k products of magnitude <= 1.
    double tolerance = 2e-6 * (c.k() + 1) * Math.max(1, Math.abs(c.alpha()))
        + 2e-6 * Math.abs(c.beta());
    for (int i = 0; i < cActual.length; i++) {
      if (c.alpha() == 0f || isPadding(c, i)) {
        if (isPadding(c, i)) {
          assertEquals(cOld[i], cActual[i], 0f,
              gemm.name() + " wrote outside C at index " + i + " for " + c);
          continue;
        }
      }
      assertTrue(!Float.isNaN(cActual[i]),
          gemm.name() + " left NaN at index " + i + " for " + c);
      assertEquals(cExpected[i], cActual[i], tolerance,
          gemm.name() + " differs from the reference at index " + i + " for " + c);
    }
  }

  /** Returns whether index i of the C array lies outside the m x n matrix. */
  private static boolean isPadding(Case c, int i) {
    int relative = i - c.cOffset();
    return relative < 0 || relative % c.ldc() >= c.n() || relative / c.ldc() >= c.m();
  }

  private static float[] random(Random random, int length) {
    float[] values = new float[Math.max(length, 0)];
    for (int i = 0; i < values.length; i++) {
      values[i] = 2 * random.nextFloat() - 1;
    }
    return values;
  }
}
