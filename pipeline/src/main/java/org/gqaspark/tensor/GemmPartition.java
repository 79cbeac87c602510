package org.gqaspark.tensor;

/**
 * A split of C[m, n] into a grid of blocks, one per task, that threads compute
 * independently: {@code rowBlocks x colBlocks} blocks of {@code blockRows x blockCols}
 * (the last row and column of blocks may be smaller).
 *
 * <p>Each task packs the rows of op(A) and the columns of op(B) that its block needs, so
 * a grid trades load balance against packing the same operand more than once; {@link #plan}
 * picks the grid with the lowest estimated cost.
 */
record GemmPartition(int blockRows, int blockCols, int rowBlocks, int colBlocks) {

  /**
   * Minimum work per task, in floating-point operations: below this, waking another thread
   * costs more than it saves (a wake-up takes tens of microseconds; 4 MFLOP takes about as
   * long on one AVX-512 core).
   */
  static final double MIN_FLOPS_PER_TASK = 4e6;

  /**
   * Cost of packing one element relative to one multiply-add in the micro-kernel: packing
   * moves one float per cycle or so, while the kernel retires about 32 multiply-adds per cycle
   * on a core with two 512-bit FMA units. An estimate used only to rank grids.
   */
  private static final double PACK_COST = 32;

  /**
   * Runs a validated call: returns at once when C is empty, only scales C when there is no
   * product (k == 0 or alpha == 0, as BLAS does), and otherwise splits C with {@link #plan}
   * over the pool's threads (one thread inside a loop body) and hands each block to
   * {@code multiplyBlock} on the thread that computes it.
   */
  static void run(GemmCall call, ComputePool pool, int rowAlign, int colAlign,
      java.util.function.Consumer<GemmCall> multiplyBlock) {
    int m = call.m();
    int n = call.n();
    if (m == 0 || n == 0) {
      return;
    }
    if (call.productIsZero()) {
      call.scaleC();
      return;
    }

    int maxTasks = ComputePool.inLoopBody() ? 1 : pool.threads();
    GemmPartition partition = plan(m, n, call.k(), maxTasks, rowAlign, colAlign);
    if (partition.tasks() == 1) {
      multiplyBlock.accept(call);
      return;
    }
    pool.parallelFor(partition.tasks(), task -> {
      int row0 = partition.rowStart(task);
      int col0 = partition.colStart(task);
      int rows = Math.min(partition.blockRows(), m - row0);
      int cols = Math.min(partition.blockCols(), n - col0);
      multiplyBlock.accept(call.block(row0, rows, col0, cols));
    });
  }

  int tasks() {
    return rowBlocks * colBlocks;
  }

  /** First row of the block of task {@code task}. */
  int rowStart(int task) {
    return (task / colBlocks) * blockRows;
  }

  /** First column of the block of task {@code task}. */
  int colStart(int task) {
    return (task % colBlocks) * blockCols;
  }

  /**
   * Plans a grid of at most {@code maxTasks} blocks for an [m, n] by k product, with block
   * rows a multiple of {@code rowAlign} and block columns a multiple of {@code colAlign}
   * (the micro-tile, so that only the last blocks have ragged edges).
   */
  static GemmPartition plan(int m, int n, int k, int maxTasks, int rowAlign, int colAlign) {
    double flops = 2.0 * m * n * k;
    int usefulTasks = (int) Math.max(1, Math.min(maxTasks, flops / MIN_FLOPS_PER_TASK));

    GemmPartition best = new GemmPartition(m, n, 1, 1);
    double bestCost = cost(m, n, k, 1);
    for (int tasks = 2; tasks <= usefulTasks; tasks++) {
      for (int rowSplits = 1; rowSplits <= tasks; rowSplits++) {
        if (tasks % rowSplits != 0) {
          continue;
        }
        int colSplits = tasks / rowSplits;
        int blockRows = roundUp(ceilDiv(m, rowSplits), rowAlign);
        int blockCols = roundUp(ceilDiv(n, colSplits), colAlign);
        GemmPartition candidate = new GemmPartition(Math.min(blockRows, m),
            Math.min(blockCols, n), ceilDiv(m, blockRows), ceilDiv(n, blockCols));
        double candidateCost = cost(candidate.blockRows, candidate.blockCols, k,
            candidate.tasks());
        if (candidate.tasks() <= maxTasks && candidateCost < bestCost) {
          best = candidate;
          bestCost = candidateCost;
        }
      }
    }
    return best;
  }

  /** Estimated time of the slowest task, in multiply-adds: its block plus its packing. */
  private static double cost(int blockRows, int blockCols, int k, int tasks) {
    double multiplyAdds = (double) blockRows * blockCols * k;
    double packed = (double) (blockRows + blockCols) * k;
    return multiplyAdds + PACK_COST * packed + (tasks > 1 ? MIN_FLOPS_PER_TASK / 8 : 0);
  }

  static int ceilDiv(int value, int divisor) {
    return (value + divisor - 1) / divisor;
  }

  static int roundUp(int value, int multiple) {
    return ceilDiv(value, multiple) * multiple;
  }
}
