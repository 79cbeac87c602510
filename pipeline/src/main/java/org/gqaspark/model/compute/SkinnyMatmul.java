package org.gqaspark.model.compute;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.gqaspark.tensor.VectorOps;

/**
 * Matrix products {@code C = alpha * A * op(B) + beta * C} whose A has few rows, as decoding
 * takes them: one new position per row times a weight matrix, or the stacked queries of one
 * key/value group times its cached keys and values. Each row of B is read once for all rows
 * of A, so a product streams B from memory once. A packing GEMM would copy B before using it
 * and, with one row in A, compute mostly padding in its register tiles.
 *
 * <p>{@link #multiplyPanel} takes B in the panel layout of {@link Compute#panelWidth}
 * (packed weights, cross-attention keys while decoding): each panel is one contiguous
 * stream, and its sums need no reduction across vector lanes.
 *
 * <p>Dimensions: A [m, k] row-major (not transposed), B [n, k] when {@code transB} (the
 * layout of a linear layer's weight or of cached keys) and [k, n] otherwise (cached values),
 * C [m, n]. Every method computes the columns [col0, col1) of C, so that callers can split
 * a product over threads by columns.
 *
 * <p>As BLAS does, {@code beta == 0} overwrites C without reading it. Sums run in another
 * order than the scalar reference, so results differ in the last bits.
 */
final class SkinnyMatmul {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  /** Vectors of columns per tile of {@link #multiplyPlain} and {@link #multiplyPanel}. */
  private static final int TILE_VECTORS = 2;
  /** Columns of a packed weight panel: one tile. */
  static final int PANEL_WIDTH = TILE_VECTORS * LANES;

  private SkinnyMatmul() {}

  /** Plain scalar loops with the same contract, the reference for tests. */
  static final class Reference {

    private Reference() {}

    static void multiply(boolean transB, int m, int k, float alpha, float[] a, int aOffset,
        int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc,
        int col0, int col1) {
      for (int i = 0; i < m; i++) {
        for (int j = col0; j < col1; j++) {
          float sum = 0f;
          for (int p = 0; p < k; p++) {
            float bValue = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
            sum += a[aOffset + i * lda + p] * bValue;
          }
          int at = cOffset + i * ldc + j;
          c[at] = alpha * sum + (beta == 0f ? 0f : beta * c[at]);
        }
      }
    }
  }

  /** Computes columns [col0, col1) of {@code C = alpha * A * op(B) + beta * C}. */
  static void multiply(boolean transB, int m, int k, float alpha, float[] a, int aOffset,
      int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc,
      int col0, int col1) {
    if (transB) {
      multiplyTransposed(m, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc,
          col0, col1);
    } else {
      multiplyPlain(m, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc,
          col0, col1);
    }
  }

  /**
   * C[i, j] = alpha * dot(A[i, :], B[j, :]) + beta * C[i, j]: rows j and j + 1 of B are
   * loaded once and multiplied with four rows of A at a time. The eight independent sums
   * hide the latency of the fused multiply-adds, and each load of A serves two rows of B.
   * Remaining rows of A and a last odd row of B take single dot products.
   */
  private static void multiplyTransposed(int m, int k, float alpha, float[] a, int aOffset,
      int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc,
      int col0, int col1) {
    float[] dots = new float[8];
    int j = col0;
    for (; j + 2 <= col1; j += 2) {
      int bRow = bOffset + j * ldb;
      int i = 0;
      for (; i + 4 <= m; i += 4) {
        fourByTwoDots(k, a, aOffset + i * lda, lda, b, bRow, ldb, dots);
        int at = cOffset + i * ldc + j;
        for (int r = 0; r < 4; r++) {
          store(c, at + r * ldc, alpha, beta, dots[2 * r]);
          store(c, at + r * ldc + 1, alpha, beta, dots[2 * r + 1]);
        }
      }
      for (; i < m; i++) {
        int aRow = aOffset + i * lda;
        int at = cOffset + i * ldc + j;
        store(c, at, alpha, beta, VectorOps.dot(a, aRow, b, bRow, k));
        store(c, at + 1, alpha, beta, VectorOps.dot(a, aRow, b, bRow + ldb, k));
      }
    }
    for (; j < col1; j++) {
      for (int i = 0; i < m; i++) {
        store(c, cOffset + i * ldc + j, alpha, beta,
            VectorOps.dot(a, aOffset + i * lda, b, bOffset + j * ldb, k));
      }
    }
  }

  /**
   * Writes the dot products of rows a0 .. a0 + 3 of A with rows b0 and b0 + 1 of B to
   * {@code dots}, row of A major: dots[2r] with row b0, dots[2r + 1] with row b0 + 1.
   */
  private static void fourByTwoDots(int k, float[] a, int a0, int lda, float[] b, int b0,
      int ldb, float[] dots) {
    int a1 = a0 + lda;
    int a2 = a1 + lda;
    int a3 = a2 + lda;
    int b1 = b0 + ldb;
    FloatVector s00 = FloatVector.zero(SPECIES);
    FloatVector s01 = s00;
    FloatVector s10 = s00;
    FloatVector s11 = s00;
    FloatVector s20 = s00;
    FloatVector s21 = s00;
    FloatVector s30 = s00;
    FloatVector s31 = s00;
    int bound = SPECIES.loopBound(k);
    int p = 0;
    for (; p < bound; p += LANES) {
      FloatVector v0 = FloatVector.fromArray(SPECIES, b, b0 + p);
      FloatVector v1 = FloatVector.fromArray(SPECIES, b, b1 + p);
      FloatVector x = FloatVector.fromArray(SPECIES, a, a0 + p);
      s00 = x.fma(v0, s00);
      s01 = x.fma(v1, s01);
      x = FloatVector.fromArray(SPECIES, a, a1 + p);
      s10 = x.fma(v0, s10);
      s11 = x.fma(v1, s11);
      x = FloatVector.fromArray(SPECIES, a, a2 + p);
      s20 = x.fma(v0, s20);
      s21 = x.fma(v1, s21);
      x = FloatVector.fromArray(SPECIES, a, a3 + p);
      s30 = x.fma(v0, s30);
      s31 = x.fma(v1, s31);
    }
    dots[0] = s00.reduceLanes(VectorOperators.ADD);
    dots[1] = s01.reduceLanes(VectorOperators.ADD);
    dots[2] = s10.reduceLanes(VectorOperators.ADD);
    dots[3] = s11.reduceLanes(VectorOperators.ADD);
    dots[4] = s20.reduceLanes(VectorOperators.ADD);
    dots[5] = s21.reduceLanes(VectorOperators.ADD);
    dots[6] = s30.reduceLanes(VectorOperators.ADD);
    dots[7] = s31.reduceLanes(VectorOperators.ADD);
    for (; p < k; p++) {
      float v0 = b[b0 + p];
      float v1 = b[b1 + p];
      dots[0] += a[a0 + p] * v0;
      dots[1] += a[a0 + p] * v1;
      dots[2] += a[a1 + p] * v0;
      dots[3] += a[a1 + p] * v1;
      dots[4] += a[a2 + p] * v0;
      dots[5] += a[a2 + p] * v1;
      dots[6] += a[a3 + p] * v0;
      dots[7] += a[a3 + p] * v1;
    }
  }

  private static void store(float[] c, int at, float alpha, float beta, float dot) {
    c[at] = alpha * dot + (beta == 0f ? 0f : beta * c[at]);
  }

  /**
   * C[i, cols] = alpha * sum_p A[i, p] * B[p, cols] + beta * C[i, cols], in tiles of eight
   * rows of A by {@value #TILE_VECTORS} vectors of columns, whose sums stay in registers
   * while p runs over the depth: each step loads the tile's slice of row p of B once and
   * multiplies it with eight broadcast values of A. Tiles of four and one rows take the rest
   * of A, and the columns past the last whole tile a scalar loop.
   */
  private static void multiplyPlain(int m, int k, float alpha, float[] a, int aOffset,
      int lda, float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc,
      int col0, int col1) {
    int tileWidth = TILE_VECTORS * LANES;
    // The sums leave the registers through this array: passing vectors to a method that is
    // not inlined would box them, and C2 then compiles the whole loop without vectors.
    float[] tile = new float[8 * tileWidth];
    int i = 0;
    for (; i + 8 <= m; i += 8) {
      int j = col0;
      for (; j + tileWidth <= col1; j += tileWidth) {
        eightRowTile(k, a, aOffset + i * lda, lda, b, bOffset + j, ldb, tile);
        merge(tile, 8, tileWidth, tileWidth, alpha, beta, c, cOffset + i * ldc + j, ldc);
      }
      for (int row = i; row < i + 8; row++) {
        oneRowTail(k, alpha, a, aOffset + row * lda, b, bOffset, ldb, beta, c,
            cOffset + row * ldc, j, col1);
      }
    }
    for (; i + 4 <= m; i += 4) {
      int j = col0;
      for (; j + tileWidth <= col1; j += tileWidth) {
        fourRowTile(k, a, aOffset + i * lda, lda, b, bOffset + j, ldb, tile);
        merge(tile, 4, tileWidth, tileWidth, alpha, beta, c, cOffset + i * ldc + j, ldc);
      }
      for (int row = i; row < i + 4; row++) {
        oneRowTail(k, alpha, a, aOffset + row * lda, b, bOffset, ldb, beta, c,
            cOffset + row * ldc, j, col1);
      }
    }
    for (; i < m; i++) {
      int j = col0;
      for (; j + tileWidth <= col1; j += tileWidth) {
        oneRowTile(k, a, aOffset + i * lda, b, bOffset + j, ldb, tile);
        merge(tile, 1, tileWidth, tileWidth, alpha, beta, c, cOffset + i * ldc + j, ldc);
      }
      oneRowTail(k, alpha, a, aOffset + i * lda, b, bOffset, ldb, beta, c, cOffset + i * ldc,
          j, col1);
    }
  }

  /** Writes the sums of four rows of A by one tile of columns to {@code tile} [4, tile]. */
  private static void fourRowTile(int k, float[] a, int aAt, int lda, float[] b, int bAt,
      int ldb, float[] tile) {
    FloatVector c00 = FloatVector.zero(SPECIES);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    for (int p = 0; p < k; p++) {
      int bRow = bAt + p * ldb;
      FloatVector b0 = FloatVector.fromArray(SPECIES, b, bRow);
      FloatVector b1 = FloatVector.fromArray(SPECIES, b, bRow + LANES);
      FloatVector ai = FloatVector.broadcast(SPECIES, a[aAt + p]);
      c00 = b0.fma(ai, c00);
      c01 = b1.fma(ai, c01);
      ai = FloatVector.broadcast(SPECIES, a[aAt + lda + p]);
      c10 = b0.fma(ai, c10);
      c11 = b1.fma(ai, c11);
      ai = FloatVector.broadcast(SPECIES, a[aAt + 2 * lda + p]);
      c20 = b0.fma(ai, c20);
      c21 = b1.fma(ai, c21);
      ai = FloatVector.broadcast(SPECIES, a[aAt + 3 * lda + p]);
      c30 = b0.fma(ai, c30);
      c31 = b1.fma(ai, c31);
    }
    c00.intoArray(tile, 0);
    c01.intoArray(tile, LANES);
    c10.intoArray(tile, 2 * LANES);
    c11.intoArray(tile, 3 * LANES);
    c20.intoArray(tile, 4 * LANES);
    c21.intoArray(tile, 5 * LANES);
    c30.intoArray(tile, 6 * LANES);
    c31.intoArray(tile, 7 * LANES);
  }

  /** Writes the sums of one row of A by one tile of columns to {@code tile} [1, tile]. */
  private static void oneRowTile(int k, float[] a, int aAt, float[] b, int bAt, int ldb,
      float[] tile) {
    FloatVector c0 = FloatVector.zero(SPECIES);
    FloatVector c1 = c0;
    for (int p = 0; p < k; p++) {
      int bRow = bAt + p * ldb;
      FloatVector ap = FloatVector.broadcast(SPECIES, a[aAt + p]);
      c0 = FloatVector.fromArray(SPECIES, b, bRow).fma(ap, c0);
      c1 = FloatVector.fromArray(SPECIES, b, bRow + LANES).fma(ap, c1);
    }
    c0.intoArray(tile, 0);
    c1.intoArray(tile, LANES);
  }

  /** Columns [j0, j1) of one row of C, one at a time (fewer than a tile). */
  private static void oneRowTail(int k, float alpha, float[] a, int aAt, float[] b,
      int bOffset, int ldb, float beta, float[] c, int cRow, int j0, int j1) {
    for (int j = j0; j < j1; j++) {
      float sum = 0f;
      for (int p = 0; p < k; p++) {
        sum += a[aAt + p] * b[bOffset + p * ldb + j];
      }
      int at = cRow + j;
      c[at] = alpha * sum + (beta == 0f ? 0f : beta * c[at]);
    }
  }

  /**
   * Computes {@code C[i, 0 .. columns) = alpha * A[i, :] * panel} for the m rows of A and
   * one panel of a packed weight, overwriting C. The panel is [k, {@value #PANEL_WIDTH}] and
   * contiguous, so the kernel reads it as one stream, for eight rows of A at a time (four or
   * one for the rest).
   *
   * @param tile scratch of {@link #newPanelTile()}, reused across calls on one thread
   */
  static void multiplyPanel(int m, int k, float alpha, float[] a, int aOffset, int lda,
      float[] panel, int panelOffset, float[] c, int cOffset, int ldc, int columns,
      float[] tile) {
    int i = 0;
    for (; i + 8 <= m; i += 8) {
      eightRowTile(k, a, aOffset + i * lda, lda, panel, panelOffset, PANEL_WIDTH, tile);
      merge(tile, 8, PANEL_WIDTH, columns, alpha, 0f, c, cOffset + i * ldc, ldc);
    }
    for (; i + 4 <= m; i += 4) {
      fourRowTile(k, a, aOffset + i * lda, lda, panel, panelOffset, PANEL_WIDTH, tile);
      merge(tile, 4, PANEL_WIDTH, columns, alpha, 0f, c, cOffset + i * ldc, ldc);
    }
    for (; i < m; i++) {
      oneRowTile(k, a, aOffset + i * lda, panel, panelOffset, PANEL_WIDTH, tile);
      merge(tile, 1, PANEL_WIDTH, columns, alpha, 0f, c, cOffset + i * ldc, ldc);
    }
  }

  /** Returns the scratch that {@link #multiplyPanel} passes the sums of a tile through. */
  static float[] newPanelTile() {
    return new float[8 * PANEL_WIDTH];
  }

  /**
   * Writes the sums of eight rows of A by one tile of columns to {@code tile} [8, tile]: 16
   * accumulators, two loads of B and eight broadcasts of A per step.
   */
  private static void eightRowTile(int k, float[] a, int aAt, int lda, float[] b, int bAt,
      int ldb, float[] tile) {
    FloatVector c00 = FloatVector.zero(SPECIES);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    FloatVector c60 = c00;
    FloatVector c61 = c00;
    FloatVector c70 = c00;
    FloatVector c71 = c00;
    for (int p = 0; p < k; p++) {
      int bRow = bAt + p * ldb;
      FloatVector b0 = FloatVector.fromArray(SPECIES, b, bRow);
      FloatVector b1 = FloatVector.fromArray(SPECIES, b, bRow + LANES);
      FloatVector ai = FloatVector.broadcast(SPECIES, a[aAt + p]);
      c00 = b0.fma(ai, c00);
      c01 = b1.fma(ai, c01);
      ai = FloatVector.broadcast(SPECIES, a[aAt + lda + p]);
      c10 = b0.fma(ai, c10);
      c11 = b1.fma(ai, c11);
      ai = FloatVector.broadcast(SPECIES, a[aAt + 2 * lda + p]);
      c20 = b0.fma(ai, c20);
      c21 = b1.fma(ai, c21);
      ai = FloatVector.broadcast(SPECIES, a[aAt + 3 * lda + p]);
      c30 = b0.fma(ai, c30);
      c31 = b1.fma(ai, c31);
      ai = FloatVector.broadcast(SPECIES, a[aAt + 4 * lda + p]);
      c40 = b0.fma(ai, c40);
      c41 = b1.fma(ai, c41);
      ai = FloatVector.broadcast(SPECIES, a[aAt + 5 * lda + p]);
      c50 = b0.fma(ai, c50);
      c51 = b1.fma(ai, c51);
      ai = FloatVector.broadcast(SPECIES, a[aAt + 6 * lda + p]);
      c60 = b0.fma(ai, c60);
      c61 = b1.fma(ai, c61);
      ai = FloatVector.broadcast(SPECIES, a[aAt + 7 * lda + p]);
      c70 = b0.fma(ai, c70);
      c71 = b1.fma(ai, c71);
    }
    c00.intoArray(tile, 0);
    c01.intoArray(tile, LANES);
    c10.intoArray(tile, 2 * LANES);
    c11.intoArray(tile, 3 * LANES);
    c20.intoArray(tile, 4 * LANES);
    c21.intoArray(tile, 5 * LANES);
    c30.intoArray(tile, 6 * LANES);
    c31.intoArray(tile, 7 * LANES);
    c40.intoArray(tile, 8 * LANES);
    c41.intoArray(tile, 9 * LANES);
    c50.intoArray(tile, 10 * LANES);
    c51.intoArray(tile, 11 * LANES);
    c60.intoArray(tile, 12 * LANES);
    c61.intoArray(tile, 13 * LANES);
    c70.intoArray(tile, 14 * LANES);
    c71.intoArray(tile, 15 * LANES);
  }

  /**
   * Writes {@code C = alpha * tile + beta * C} for {@code rows} rows and the first
   * {@code columns} columns of a tile whose rows are {@code tileWidth} apart.
   */
  private static void merge(float[] tile, int rows, int tileWidth, int columns, float alpha,
      float beta, float[] c, int cAt, int ldc) {
    int width = columns;
    for (int r = 0; r < rows; r++) {
      int cRow = cAt + r * ldc;
      int tileRow = r * tileWidth;
      if (beta == 0f) {
        for (int j = 0; j < width; j++) {
          c[cRow + j] = alpha * tile[tileRow + j];
        }
      } else {
        for (int j = 0; j < width; j++) {
          c[cRow + j] = alpha * tile[tileRow + j] + beta * c[cRow + j];
        }
      }
    }
  }
}
