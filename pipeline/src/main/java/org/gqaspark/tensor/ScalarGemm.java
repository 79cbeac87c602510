package org.gqaspark.tensor;

/**
 * Reference {@link Gemm}: three plain loops, one thread, accumulation in double. Fast
 * kernels are tested against it; it is never selected for real work.
 */
public final class ScalarGemm implements Gemm {

  @Override
  public void sgemm(
      boolean transA, boolean transB,
      int m, int n, int k,
      float alpha,
      float[] a, int aOffset, int lda,
      float[] b, int bOffset, int ldb,
      float beta,
      float[] c, int cOffset, int ldc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int p = 0; p < k; p++) {
          float aip = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
          float bpj = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
          sum += (double) aip * bpj;
        }
        int at = cOffset + i * ldc + j;
        float old = beta == 0f ? 0f : beta * c[at];
        c[at] = (float) (alpha * sum) + old;
      }
    }
  }

  @Override
  public String name() {
    return "scalar-reference";
  }

  @Override
  public int threads() {
    return 1;
  }
}
