package org.gqaspark.tensor;

/**
 * The arguments of one {@link Gemm#sgemm} call, validated, so that backends can split a call
 * into blocks of C and hand each block to a thread.
 *
 * <p>Dimensions: op(A) is [m, k], op(B) is [k, n], C is [m, n], all row-major.
 */
record GemmCall(
    boolean transA, boolean transB,
    int m, int n, int k,
    float alpha,
    float[] a, int aOffset, int lda,
    float[] b, int bOffset, int ldb,
    float beta,
    float[] c, int cOffset, int ldc) {

  /**
   * Validates dimensions, offsets, leading dimensions and array lengths as BLAS does, so that
   * no backend reads or writes outside the given arrays.
   *
   * @throws IllegalArgumentException naming the argument, its value and the bound it breaks
   */
  GemmCall {
    requireNonNegative("m", m);
    requireNonNegative("n", n);
    requireNonNegative("k", k);

    // Row-major storage: A is stored [m, k], or [k, m] when transposed, and so on.
    int aRows = transA ? k : m;
    int aCols = transA ? m : k;
    int bRows = transB ? n : k;
    int bCols = transB ? k : n;
    requireOperand("A", a, aOffset, lda, "ldA", aRows, aCols, m > 0 && n > 0 && k > 0);
    requireOperand("B", b, bOffset, ldb, "ldB", bRows, bCols, m > 0 && n > 0 && k > 0);
    requireOperand("C", c, cOffset, ldc, "ldC", m, n, m > 0 && n > 0);
  }

  /** Returns whether the call only scales C, with no product to compute. */
  boolean productIsZero() {
    return k == 0 || alpha == 0f;
  }

  /** Number of floating-point operations, counting a multiply-add as two. */
  double flops() {
    return 2.0 * m * n * k;
  }

  /**
   * Returns the call restricted to the block C[row0 : row0 + rows, col0 : col0 + cols],
   * which reads rows row0.. of op(A) and columns col0.. of op(B) over the full depth k.
   */
  GemmCall block(int row0, int rows, int col0, int cols) {
    int aStart = transA ? aOffset + row0 : aOffset + row0 * lda;
    int bStart = transB ? bOffset + col0 * ldb : bOffset + col0;
    int cStart = cOffset + row0 * ldc + col0;
    return new GemmCall(transA, transB, rows, cols, k, alpha, a, aStart, lda, b, bStart, ldb,
        beta, c, cStart, ldc);
  }

  /** C = beta * C over [m, n]; with beta == 0, C is overwritten with zeros, NaN included. */
  void scaleC() {
    for (int i = 0; i < m; i++) {
      int row = cOffset + i * ldc;
      if (beta == 0f) {
        java.util.Arrays.fill(c, row, row + n, 0f);
      } else if (beta != 1f) {
        for (int j = 0; j < n; j++) {
          c[row + j] *= beta;
        }
      }
    }
  }

  private static void requireNonNegative(String name, int value) {
    if (value < 0) {
      throw TensorErrors.negativeDimension(name, value);
    }
  }

  /**
   * Checks one operand stored as [rows, cols] with leading dimension ld. As in BLAS, ld must
   * be at least max(1, cols) even when nothing is read, and the array is checked only when
   * the call touches it.
   */
  private static void requireOperand(
      String operand, float[] array, int offset, int ld, String ldName,
      int rows, int cols, boolean touched) {
    String storedShape = operand + "[" + rows + ", " + cols + "]";
    if (ld < Math.max(1, cols)) {
      throw TensorErrors.leadingDimensionTooSmall(ldName, ld, Math.max(1, cols), storedShape);
    }
    if (offset < 0) {
      throw TensorErrors.negativeOffset(operand + " offset", offset);
    }
    if (!touched) {
      return;
    }
    java.util.Objects.requireNonNull(array, operand);
    long required = offset + (long) (rows - 1) * ld + cols;
    if (required > array.length) {
      throw TensorErrors.operandTooShort(operand, array.length, offset, required, storedShape, ld);
    }
  }
}
