package org.gqaspark.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Longest common subsequence of two token-id sequences, in memory linear in their lengths.
 *
 * <p>Let t[i][j] be the LCS length of ref[0, i) and can[0, j). rouge-score 0.1.2 fills the
 * whole (m + 1) x (n + 1) table and reads one LCS back from (m, n): on equal tokens it takes
 * the match and moves diagonally, else it moves left when t[i][j - 1] > t[i - 1][j] and up
 * otherwise. Which LCS it reads changes ROUGE-Lsum, so {@link #backtrack} follows exactly that
 * path without the table: it computes row mid of the table from row lo with two rolling rows,
 * traces the lower half of the path first (it starts at the bottom right), then the upper half
 * from the column where the path crossed row mid, and fills a block of the table only when a
 * part fits in {@code blockCells}. The recursion keeps one row per level and reuses one block,
 * so memory is O(n log m + blockCells) and time O(m n log m).
 */
public final class Lcs {

  /** Cells of the largest table block that {@link #backtrack} fills at once (16 MB of ints). */
  static final int DEFAULT_BLOCK_CELLS = 1 << 22;

  private Lcs() {}

  /** Returns the LCS length using two rows of the shorter sequence's length. */
  public static int length(int[] ref, int[] can) {
    int[] rows = ref.length >= can.length ? ref : can;
    int[] columns = rows == ref ? can : ref;
    int[] previous = new int[columns.length + 1];
    int[] current = new int[columns.length + 1];
    for (int row : rows) {
      for (int j = 1; j <= columns.length; j++) {
        current[j] = row == columns[j - 1]
            ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[columns.length];
  }

  /** Returns the increasing indexes into {@code ref} of the LCS that rouge-score reads back. */
  public static int[] backtrack(int[] ref, int[] can) {
    return backtrack(ref, can, DEFAULT_BLOCK_CELLS);
  }

  static int[] backtrack(int[] ref, int[] can, int blockCells) {
    Workspace workspace = new Workspace(can.length + 1, blockCells);
    IndexList matches = new IndexList();
    trace(ref, can, 0, ref.length, workspace.row(0), can.length, 0, workspace, matches);
    return matches.reversed();
  }

  /**
   * Follows the path from (hi, start) up to row lo and returns the column where it reaches row
   * lo, or 0 where it reaches column 0. {@code rowLo} contains t[lo][0..start].
   */
  private static int trace(int[] ref, int[] can, int lo, int hi, int[] rowLo, int start,
      int depth, Workspace workspace, IndexList matches) {
    if (hi == lo || start == 0) {
      return start;
    }
    if (hi - lo == 1 || (long) (hi - lo + 1) * (start + 1) <= workspace.blockCells) {
      return traceBlock(ref, can, lo, hi, rowLo, start, workspace, matches);
    }
    int mid = (lo + hi) >>> 1;
    int[] rowMid = workspace.row(depth + 1);
    forwardRow(ref, can, lo, mid, rowLo, start, rowMid, workspace.scratch);
    int crossing = trace(ref, can, mid, hi, rowMid, start, depth + 1, workspace, matches);
    return trace(ref, can, lo, mid, rowLo, crossing, depth + 1, workspace, matches);
  }

  /** Writes t[to][0..width] into {@code result} from t[from][0..width], rolling two rows. */
  private static void forwardRow(int[] ref, int[] can, int from, int to, int[] rowFrom,
      int width, int[] result, int[] scratch) {
    // Alternate between result and scratch so that row "to" ends in result.
    int[] previous = (to - from) % 2 == 0 ? result : scratch;
    int[] current = previous == result ? scratch : result;
    System.arraycopy(rowFrom, 0, previous, 0, width + 1);
    for (int i = from + 1; i <= to; i++) {
      int token = ref[i - 1];
      current[0] = 0;
      for (int j = 1; j <= width; j++) {
        current[j] = token == can[j - 1]
            ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
  }

  /** Fills rows lo..hi, columns 0..start of the table and follows the path through them. */
  private static int traceBlock(int[] ref, int[] can, int lo, int hi, int[] rowLo, int start,
      Workspace workspace, IndexList matches) {
    int width = start + 1;
    int[] block = workspace.block((hi - lo + 1) * width);
    System.arraycopy(rowLo, 0, block, 0, width);
    for (int i = lo + 1; i <= hi; i++) {
      int row = (i - lo) * width;
      int above = row - width;
      int token = ref[i - 1];
      block[row] = 0;
      for (int j = 1; j <= start; j++) {
        block[row + j] = token == can[j - 1]
            ? block[above + j - 1] + 1 : Math.max(block[above + j], block[row + j - 1]);
      }
    }

    int i = hi;
    int j = start;
    while (i > lo && j > 0) {
      int row = (i - lo) * width;
      if (ref[i - 1] == can[j - 1]) {
        matches.add(i - 1);
        i--;
        j--;
      } else if (block[row + j - 1] > block[row - width + j]) {
        j--;
      } else {
        i--;
      }
    }
    return j;
  }

  /** Buffers reused across the recursion: one row per depth, a scratch row and the block. */
  private static final class Workspace {
    private final int rowLength;
    private final int blockCells;
    private final List<int[]> rows = new ArrayList<>();
    private final int[] scratch;
    private int[] block = new int[0];

    Workspace(int rowLength, int blockCells) {
      this.rowLength = rowLength;
      this.blockCells = blockCells;
      this.scratch = new int[rowLength];
    }

    /** Returns the row of one recursion depth; row 0 starts as the zero row t[0]. */
    int[] row(int depth) {
      while (rows.size() <= depth) {
        rows.add(new int[rowLength]);
      }
      return rows.get(depth);
    }

    int[] block(int cells) {
      if (block.length < cells) {
        block = new int[cells];
      }
      return block;
    }
  }

  /** A growable list of int indexes. */
  private static final class IndexList {
    private int[] values = new int[16];
    private int size;

    void add(int value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    int[] reversed() {
      int[] result = new int[size];
      for (int k = 0; k < size; k++) {
        result[k] = values[size - 1 - k];
      }
      return result;
    }
  }
}
