package org.gqaspark.tensor;

import java.util.Arrays;

/**
 * Copies blocks of op(A) and op(B) into the contiguous layout the micro-kernel streams
 * through, so the kernel handles no transpose flag, offset or leading dimension.
 *
 * <p>Layout: a block of op(A) with {@code rows x depth} elements becomes row panels of
 * {@code mr} rows; panel q stores element (q*mr + r, p) at {@code q*mr*depth + p*mr + r}. A
 * block of op(B) with {@code depth x cols} elements becomes column panels of {@code nr}
 * columns; panel q stores element (p, q*nr + j) at {@code q*nr*depth + p*nr + j}. Rows and
 * columns past the edge of the block are zero, so the kernel always computes full tiles.
 */
final class GemmPacking {

  private GemmPacking() {}

  /** Elements a packed block of {@code rows x depth} with panels of {@code mr} rows takes. */
  static int packedSize(int rows, int depth, int mr) {
    return GemmPartition.roundUp(rows, mr) * depth;
  }

  /**
   * Packs op(A)[row0 : row0 + rows, p0 : p0 + depth] of the call into {@code packed}.
   */
  static void packA(GemmCall call, int row0, int rows, int p0, int depth, int mr,
      float[] packed) {
    float[] a = call.a();
    int lda = call.lda();
    for (int panel = 0; panel * mr < rows; panel++) {
      int base = panel * mr * depth;
      int panelRow0 = row0 + panel * mr;
      int valid = Math.min(mr, rows - panel * mr);
      if (call.transA()) {
        // op(A)(i, p) = A[p, i]: the mr rows of one depth step are contiguous in memory.
        for (int p = 0; p < depth; p++) {
          int src = call.aOffset() + (p0 + p) * lda + panelRow0;
          int dst = base + p * mr;
          System.arraycopy(a, src, packed, dst, valid);
          Arrays.fill(packed, dst + valid, dst + mr, 0f);
        }
      } else {
        // op(A)(i, p) = A[i, p]: read each row once, write it with stride mr.
        for (int r = 0; r < valid; r++) {
          int src = call.aOffset() + (panelRow0 + r) * lda + p0;
          for (int p = 0; p < depth; p++) {
            packed[base + p * mr + r] = a[src + p];
          }
        }
        for (int r = valid; r < mr; r++) {
          for (int p = 0; p < depth; p++) {
            packed[base + p * mr + r] = 0f;
          }
        }
      }
    }
  }

  /**
   * Packs op(B)[p0 : p0 + depth, col0 : col0 + cols] of the call into {@code packed}.
   */
  static void packB(GemmCall call, int p0, int depth, int col0, int cols, int nr,
      float[] packed) {
    float[] b = call.b();
    int ldb = call.ldb();
    for (int panel = 0; panel * nr < cols; panel++) {
      int base = panel * nr * depth;
      int panelCol0 = col0 + panel * nr;
      int valid = Math.min(nr, cols - panel * nr);
      if (call.transB()) {
        // op(B)(p, j) = B[j, p]: read each stored row once, write it with stride nr.
        for (int j = 0; j < valid; j++) {
          int src = call.bOffset() + (panelCol0 + j) * ldb + p0;
          for (int p = 0; p < depth; p++) {
            packed[base + p * nr + j] = b[src + p];
          }
        }
        for (int j = valid; j < nr; j++) {
          for (int p = 0; p < depth; p++) {
            packed[base + p * nr + j] = 0f;
          }
        }
      } else {
        // op(B)(p, j) = B[p, j]: the nr columns of one depth step are contiguous in memory.
        for (int p = 0; p < depth; p++) {
          int src = call.bOffset() + (p0 + p) * ldb + panelCol0;
          int dst = base + p * nr;
          System.arraycopy(b, src, packed, dst, valid);
          Arrays.fill(packed, dst + valid, dst + nr, 0f);
        }
      }
    }
  }
}
