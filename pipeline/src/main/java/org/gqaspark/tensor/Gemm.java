package org.gqaspark.tensor;

/**
 * Single-precision general matrix product on row-major arrays, in the BLAS sense:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(X)} is X or its transpose.
 *
 * <p>Shapes: op(A) is [m, k], op(B) is [k, n], C is [m, n]. Every matrix lives in a
 * {@code float[]} at an offset with a leading dimension (the distance between the starts of
 * two consecutive rows of the matrix as stored, so {@code lda >= k} when A is not
 * transposed and {@code lda >= m} when it is). Row-major, unlike Fortran BLAS, because
 * Java arrays and the model's tensors are row-major.
 *
 * <p>Contract shared by every implementation:
 * <ul>
 *   <li>When {@code beta == 0}, C is overwritten and its old contents, NaN included, are
 *       ignored.
 *   <li>m, n or k may be 0. With {@code k == 0} or {@code alpha == 0}, C becomes beta * C.
 *   <li>C must not overlap A or B.
 *   <li>Arguments are checked before anything is written: a negative dimension, a leading
 *       dimension below max(1, stored row length) as in BLAS, or an array too short for the
 *       shape throws {@link IllegalArgumentException}.
 * </ul>
 *
 * <p>Threads: implementations own their threads. A caller grants a thread count when it
 * creates one, and a call never uses more. {@link #close()} stops the threads an
 * implementation started; it must not be used afterwards.
 */
public interface Gemm extends AutoCloseable {

  void sgemm(
      boolean transA, boolean transB,
      int m, int n, int k,
      float alpha,
      float[] a, int aOffset, int lda,
      float[] b, int bOffset, int ldb,
      float beta,
      float[] c, int cOffset, int ldc);

  /** Backend name for logs and benchmark records, for example "java-vector" or "native:openblas". */
  String name();

  /** Maximum number of threads one call uses. */
  int threads();

  /** Stops the threads this instance started; the default has none to stop. */
  @Override
  default void close() {}
}
