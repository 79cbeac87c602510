package org.gqaspark.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner loop of {@link VectorGemm}: multiplies a packed panel of op(A)
 * (MR rows) by a packed panel of op(B) (NR columns) over a depth of up to KC, keeping the
 * whole MR x NR tile of C in vector registers, then merges the tile into C.
 *
 * <p>Tile shape: MR = 6 rows by NR = {@link #VECTORS} vectors of the preferred species. With
 * 32 vector registers (AVX-512, AArch64) the tile is 6 x 4 vectors: 24 accumulators, 4 loads
 * of B and one broadcast of A in flight. With 16 (AVX2) it is 6 x 2 vectors. In a prototype
 * on one AMD Zen 5 core (JDK 17, panels in L1), 6 x 4 ran faster than 8 x 3 and 12 x 2 and
 * reached about 96% of the register-only FMA loop of {@link FmaPeak}.
 */
final class GemmMicroKernel {

  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  static final int LANES = SPECIES.length();

  /** Rows of the register tile. */
  static final int MR = 6;
  /** Vectors per row of the register tile: 4 where 32 vector registers exist, else 2. */
  static final int VECTORS = hasThirtyTwoVectorRegisters() ? 4 : 2;
  /** Columns of the register tile. */
  static final int NR = VECTORS * LANES;

  private GemmMicroKernel() {}

  /**
   * Computes the MR x NR product of the packed A panel at {@code aAt} and the packed B panel
   * at {@code bAt} over {@code depth} steps and writes it, row-major, to {@code tile}
   * (MR * NR elements). The tile is overwritten, never accumulated.
   */
  static void multiply(int depth, float[] a, int aAt, float[] b, int bAt, float[] tile) {
    if (VECTORS == 4) {
      multiply6x4(depth, a, aAt, b, bAt, tile);
    } else {
      multiply6x2(depth, a, aAt, b, bAt, tile);
    }
  }

  /**
   * Merges a tile into C: {@code C[i, j] = alpha * tile[i, j] + beta * C[i, j]} for the
   * first {@code rows} rows and {@code cols} columns, where beta == 0 overwrites C without
   * reading it (so NaN in C is ignored). Full tiles use vectors; edge tiles use a scalar loop.
   */
  static void merge(float[] tile, float[] c, int cAt, int ldc, int rows, int cols,
      float alpha, float beta) {
    if (rows == MR && cols == NR) {
      mergeFull(tile, c, cAt, ldc, alpha, beta);
      return;
    }
    for (int i = 0; i < rows; i++) {
      int row = cAt + i * ldc;
      int tileRow = i * NR;
      for (int j = 0; j < cols; j++) {
        float product = alpha * tile[tileRow + j];
        c[row + j] = beta == 0f ? product : product + beta * c[row + j];
      }
    }
  }

  private static void mergeFull(float[] tile, float[] c, int cAt, int ldc, float alpha,
      float beta) {
    FloatVector alphas = FloatVector.broadcast(SPECIES, alpha);
    FloatVector betas = FloatVector.broadcast(SPECIES, beta);
    for (int i = 0; i < MR; i++) {
      int row = cAt + i * ldc;
      for (int j = 0; j < NR; j += LANES) {
        FloatVector product = FloatVector.fromArray(SPECIES, tile, i * NR + j).mul(alphas);
        if (beta != 0f) {
          product = FloatVector.fromArray(SPECIES, c, row + j).fma(betas, product);
        }
        product.intoArray(c, row + j);
      }
    }
  }

  /**
   * Returns whether the CPU has 32 vector registers. x86 with AVX-512 (a 512-bit preferred
   * species) and AArch64 have 32, x86 with AVX2 has 16.
   */
  private static boolean hasThirtyTwoVectorRegisters() {
    String arch = System.getProperty("os.arch", "");
    return SPECIES.vectorBitSize() >= 512 || arch.equals("aarch64");
  }

  /** The 6 x 4-vector tile: 24 accumulators; 4 loads of B, 6 broadcasts of A per depth step. */
  private static void multiply6x4(
      int depth, float[] a, int aAt, float[] b, int bAt, float[] tile) {
    FloatVector zero = FloatVector.zero(SPECIES);
    FloatVector c00 = zero, c01 = zero, c02 = zero, c03 = zero;
    FloatVector c10 = zero, c11 = zero, c12 = zero, c13 = zero;
    FloatVector c20 = zero, c21 = zero, c22 = zero, c23 = zero;
    FloatVector c30 = zero, c31 = zero, c32 = zero, c33 = zero;
    FloatVector c40 = zero, c41 = zero, c42 = zero, c43 = zero;
    FloatVector c50 = zero, c51 = zero, c52 = zero, c53 = zero;

    for (int p = 0; p < depth; p++) {
      int bp = bAt + p * 4 * LANES;
      int ap = aAt + p * 6;
      FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
      FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
      FloatVector b2 = FloatVector.fromArray(SPECIES, b, bp + 2 * LANES);
      FloatVector b3 = FloatVector.fromArray(SPECIES, b, bp + 3 * LANES);
      FloatVector ai;
      ai = FloatVector.broadcast(SPECIES, a[ap]);
      c00 = b0.fma(ai, c00); c01 = b1.fma(ai, c01); c02 = b2.fma(ai, c02); c03 = b3.fma(ai, c03);
      ai = FloatVector.broadcast(SPECIES, a[ap + 1]);
      c10 = b0.fma(ai, c10); c11 = b1.fma(ai, c11); c12 = b2.fma(ai, c12); c13 = b3.fma(ai, c13);
      ai = FloatVector.broadcast(SPECIES, a[ap + 2]);
      c20 = b0.fma(ai, c20); c21 = b1.fma(ai, c21); c22 = b2.fma(ai, c22); c23 = b3.fma(ai, c23);
      ai = FloatVector.broadcast(SPECIES, a[ap + 3]);
      c30 = b0.fma(ai, c30); c31 = b1.fma(ai, c31); c32 = b2.fma(ai, c32); c33 = b3.fma(ai, c33);
      ai = FloatVector.broadcast(SPECIES, a[ap + 4]);
      c40 = b0.fma(ai, c40); c41 = b1.fma(ai, c41); c42 = b2.fma(ai, c42); c43 = b3.fma(ai, c43);
      ai = FloatVector.broadcast(SPECIES, a[ap + 5]);
      c50 = b0.fma(ai, c50); c51 = b1.fma(ai, c51); c52 = b2.fma(ai, c52); c53 = b3.fma(ai, c53);
    }

    // Stored unrolled: a helper method taking vectors would not be inlined into a method
    // this large, and the vectors would then be boxed on the heap.
    c00.intoArray(tile, 0); c01.intoArray(tile, LANES);
    c02.intoArray(tile, 2 * LANES); c03.intoArray(tile, 3 * LANES);
    c10.intoArray(tile, 4 * LANES); c11.intoArray(tile, 5 * LANES);
    c12.intoArray(tile, 6 * LANES); c13.intoArray(tile, 7 * LANES);
    c20.intoArray(tile, 8 * LANES); c21.intoArray(tile, 9 * LANES);
    c22.intoArray(tile, 10 * LANES); c23.intoArray(tile, 11 * LANES);
    c30.intoArray(tile, 12 * LANES); c31.intoArray(tile, 13 * LANES);
    c32.intoArray(tile, 14 * LANES); c33.intoArray(tile, 15 * LANES);
    c40.intoArray(tile, 16 * LANES); c41.intoArray(tile, 17 * LANES);
    c42.intoArray(tile, 18 * LANES); c43.intoArray(tile, 19 * LANES);
    c50.intoArray(tile, 20 * LANES); c51.intoArray(tile, 21 * LANES);
    c52.intoArray(tile, 22 * LANES); c53.intoArray(tile, 23 * LANES);
  }

  /** The 6 x 2-vector tile: 12 accumulators; 2 loads of B, 6 broadcasts of A per depth step. */
  private static void multiply6x2(
      int depth, float[] a, int aAt, float[] b, int bAt, float[] tile) {
    FloatVector zero = FloatVector.zero(SPECIES);
    FloatVector c00 = zero, c01 = zero;
    FloatVector c10 = zero, c11 = zero;
    FloatVector c20 = zero, c21 = zero;
    FloatVector c30 = zero, c31 = zero;
    FloatVector c40 = zero, c41 = zero;
    FloatVector c50 = zero, c51 = zero;

    for (int p = 0; p < depth; p++) {
      int bp = bAt + p * 2 * LANES;
      int ap = aAt + p * 6;
      FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
      FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
      FloatVector ai;
      ai = FloatVector.broadcast(SPECIES, a[ap]);
      c00 = b0.fma(ai, c00); c01 = b1.fma(ai, c01);
      ai = FloatVector.broadcast(SPECIES, a[ap + 1]);
      c10 = b0.fma(ai, c10); c11 = b1.fma(ai, c11);
      ai = FloatVector.broadcast(SPECIES, a[ap + 2]);
      c20 = b0.fma(ai, c20); c21 = b1.fma(ai, c21);
      ai = FloatVector.broadcast(SPECIES, a[ap + 3]);
      c30 = b0.fma(ai, c30); c31 = b1.fma(ai, c31);
      ai = FloatVector.broadcast(SPECIES, a[ap + 4]);
      c40 = b0.fma(ai, c40); c41 = b1.fma(ai, c41);
      ai = FloatVector.broadcast(SPECIES, a[ap + 5]);
      c50 = b0.fma(ai, c50); c51 = b1.fma(ai, c51);
    }

    // Stored unrolled: a helper method taking vectors would not be inlined into a method
    // this large, and the vectors would then be boxed on the heap.
    c00.intoArray(tile, 0); c01.intoArray(tile, LANES);
    c10.intoArray(tile, 2 * LANES); c11.intoArray(tile, 3 * LANES);
    c20.intoArray(tile, 4 * LANES); c21.intoArray(tile, 5 * LANES);
    c30.intoArray(tile, 6 * LANES); c31.intoArray(tile, 7 * LANES);
    c40.intoArray(tile, 8 * LANES); c41.intoArray(tile, 9 * LANES);
    c50.intoArray(tile, 10 * LANES); c51.intoArray(tile, 11 * LANES);
  }
}
