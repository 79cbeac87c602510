package org.gqaspark.model.compute;

import java.util.Arrays;
import java.util.function.Function;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.gqaspark.tensor.Activations;
import org.gqaspark.tensor.ComputePool;
import org.gqaspark.tensor.Gemm;
import org.gqaspark.tensor.GemmBackend;
import org.gqaspark.tensor.Gemms;
import org.gqaspark.tensor.RowOps;
import org.gqaspark.tensor.VectorMath;
import org.gqaspark.tensor.VectorOps;

/**
 * The fast backend: 32-bit floats in JVM arrays, matrix products through {@link Gemm}, and
 * row-wise and element-wise kernels (Vector API) split over the granted threads. Reductions
 * add fixed blocks in a fixed order, so results do not depend on the number of threads.
 *
 * <p>One {@link ComputePool} carries every parallel loop, the matrix products included, so
 * the backend never runs more threads than it was granted.
 */
public final class FloatCompute implements Compute {

  private static final String NAME = "float32";
  /** Smallest number of elements worth handing to another thread. */
  private static final int MIN_ELEMENTS_PER_TASK = 1 << 14;
  /** Width of the column blocks of column-wise reductions. */
  private static final int COLUMN_BLOCK = 64;
  /** Rows per partial sum of row-wise reductions; fixed, so results ignore the threads. */
  private static final int ROW_BLOCK = 64;
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

  /**
   * System property: products whose op(A) has at most this many rows (and A is not
   * transposed) run on {@link SkinnyMatmul} instead of the GEMM backend; 0 turns it off.
   */
  public static final String SKINNY_MAX_ROWS_PROPERTY = "gqa.compute.skinnyMaxRows";
  /**
   * Default of {@value #SKINNY_MAX_ROWS_PROPERTY}: up to 8 rows, the rows of a decoding step
   * with batch 8 or the 8 query heads of a multi-query group.
   */
  static final int DEFAULT_SKINNY_MAX_ROWS = 8;

  private final ComputePool pool;
  private final Gemm gemm;
  private final int skinnyMaxRows;
  private volatile boolean closed;

  /**
   * Creates a backend that uses at most {@code threads} threads.
   *
   * @param gemmFactory creates the matrix-product backend on the given pool. A product
   *     called inside one of the pool's loops (per attention head) runs on its caller's
   *     thread.
   */
  public FloatCompute(int threads, Function<ComputePool, Gemm> gemmFactory) {
    this(threads, gemmFactory, Integer.getInteger(SKINNY_MAX_ROWS_PROPERTY,
        DEFAULT_SKINNY_MAX_ROWS));
  }

  /**
   * Creates a backend whose products with at most {@code skinnyMaxRows} rows in op(A) run on
   * {@link SkinnyMatmul} (0: never).
   */
  FloatCompute(int threads, Function<ComputePool, Gemm> gemmFactory, int skinnyMaxRows) {
    this.pool = new ComputePool(threads, "gqa-compute");
    this.gemm = gemmFactory.apply(pool);
    this.skinnyMaxRows = skinnyMaxRows;
  }

  /**
   * Creates a backend on {@code threads} threads with the matrix-product backend that the
   * system property {@value GemmBackend#PROPERTY} selects (by default the fastest available).
   */
  public static FloatCompute withThreads(int threads) {
    return new FloatCompute(threads, pool -> Gemms.onPool(GemmBackend.fromSystemProperty(),
        pool));
  }

  @Override
  public String description() {
    return NAME + ", " + pool.threads() + " thread" + (pool.threads() == 1 ? "" : "s")
        + ", gemm " + gemm.name() + (skinnyMaxRows > 0
            ? ", row-streaming products up to " + skinnyMaxRows + " rows" : "");
  }

  @Override
  public int threads() {
    return pool.threads();
  }

  @Override
  public void close() {
    closed = true;
    gemm.close();
    pool.close();
  }

  /** Returns the thread pool of this backend, for host-side loops such as optimizer updates. */
  public ComputePool pool() {
    return pool;
  }

  private float[] f(Tensor tensor) {
    if (closed) {
      throw ComputeErrors.closed(NAME);
    }
    if (tensor instanceof FloatTensor floats) {
      return floats.data();
    }
    throw ComputeErrors.wrongBackend(tensor, NAME);
  }

  private void forElements(int count, ComputePool.RangeBody body) {
    pool.parallelForRanges(count, MIN_ELEMENTS_PER_TASK, body);
  }

  private void forRows(int rows, int width, ComputePool.RangeBody body) {
    pool.parallelForRanges(rows, Math.max(1, MIN_ELEMENTS_PER_TASK / Math.max(width, 1)), body);
  }

  // ---- Allocation and host transfer ----

  @Override
  public FloatTensor zeros(int... shape) {
    long count = 1;
    for (int dim : shape) {
      count *= Math.max(dim, 0);
    }
    return new FloatTensor(new float[(int) Math.min(count, Integer.MAX_VALUE)], shape);
  }

  @Override
  public FloatTensor fromFloats(float[] values, int... shape) {
    return new FloatTensor(values.clone(), shape);
  }

  @Override
  public float[] toFloats(Tensor tensor) {
    return f(tensor).clone();
  }

  @Override
  public void copyFromFloats(float[] values, Tensor target) {
    float[] data = f(target);
    if (values.length != data.length) {
      throw ComputeErrors.dataSizeMismatch(target.shape(), values.length);
    }
    System.arraycopy(values, 0, data, 0, values.length);
  }

  @Override
  public void copy(Tensor source, Tensor target) {
    Arguments.atLeast("copy", "source", source, target.size());
    float[] src = f(source);
    float[] dst = f(target);
    forElements(target.size(), (start, end) -> System.arraycopy(src, start, dst, start, end - start));
  }

  @Override
  public void fill(Tensor target, float value) {
    float[] t = f(target);
    forElements(t.length, (start, end) -> Arrays.fill(t, start, end, value));
  }

  // ---- Matrix products ----

  @Override
  public void matmul(boolean transA, boolean transB, int m, int n, int k, float alpha,
      Tensor a, Tensor b, float beta, Tensor c) {
    Arguments.atLeast("matmul", "a", a, (long) m * k);
    Arguments.atLeast("matmul", "b", b, (long) k * n);
    Arguments.atLeast("matmul", "c", c, (long) m * n);
    if (skinny(transA, m)) {
      float[] av = f(a);
      float[] bv = f(b);
      float[] cv = f(c);
      pool.parallelForRanges(n, skinnyColumnsPerTask(m, k), (start, end) ->
          SkinnyMatmul.multiply(transB, m, k, alpha, av, 0, k, bv, 0, transB ? k : n, beta,
              cv, 0, n, start, end));
      return;
    }
    gemm.sgemm(transA, transB, m, n, k, alpha, f(a), 0, transA ? m : k, f(b), 0,
        transB ? k : n, beta, f(c), 0, n);
  }

  private boolean skinny(boolean transA, int m) {
    return !transA && m <= skinnyMaxRows;
  }

  /** Columns of C per task of a skinny product, so that a task multiplies enough values. */
  private static int skinnyColumnsPerTask(int m, int k) {
    return Math.max(1, MIN_ELEMENTS_PER_TASK / Math.max(1, m * k));
  }

  @Override
  public void batchedMatmul(int outer, int inner, boolean transA, boolean transB, int m, int n,
      int k, float alpha, BatchedOperand a, BatchedOperand b, float beta, BatchedOperand c) {
    Arguments.matmul("batchedMatmul", transA, transB, m, n, k, a, b, c, outer, inner);
    float[] av = f(a.tensor());
    float[] bv = f(b.tensor());
    float[] cv = f(c.tensor());
    int entries = outer * inner;
    boolean skinny = skinny(transA, m);
    if (entries < pool.threads()) {
      // Too few entries to keep every thread busy: split each product over the threads.
      for (int e = 0; e < entries; e++) {
        int o = e / inner;
        int i = e % inner;
        if (skinny) {
          pool.parallelForRanges(n, skinnyColumnsPerTask(m, k), (start, end) ->
              SkinnyMatmul.multiply(transB, m, k, alpha, av, a.start(o, i), a.leadingDim(), bv,
                  b.start(o, i), b.leadingDim(), beta, cv, c.start(o, i), c.leadingDim(),
                  start, end));
        } else {
          gemm.sgemm(transA, transB, m, n, k, alpha, av, a.start(o, i), a.leadingDim(),
              bv, b.start(o, i), b.leadingDim(), beta, cv, c.start(o, i), c.leadingDim());
        }
      }
      return;
    }
    // Inside the pool's loop each product runs on the calling thread.
    pool.parallelFor(entries, e -> {
      int o = e / inner;
      int i = e % inner;
      if (skinny) {
        SkinnyMatmul.multiply(transB, m, k, alpha, av, a.start(o, i), a.leadingDim(), bv,
            b.start(o, i), b.leadingDim(), beta, cv, c.start(o, i), c.leadingDim(), 0, n);
      } else {
        gemm.sgemm(transA, transB, m, n, k, alpha, av, a.start(o, i), a.leadingDim(),
            bv, b.start(o, i), b.leadingDim(), beta, cv, c.start(o, i), c.leadingDim());
      }
    });
  }

  /**
   * Packs W [n, k] into panels of {@value SkinnyMatmul#PANEL_WIDTH} rows of W, each stored
   * transposed [k, panel width] and contiguous, the last one padded with zeros:
   * {@link SkinnyMatmul#multiplyPanel} then streams one panel at a time.
   */
  @Override
  public PackedWeight packWeight(Tensor weight, int n, int k) {
    Arguments.atLeast("packWeight", "weight", weight, (long) n * k);
    int width = SkinnyMatmul.PANEL_WIDTH;
    int panels = (n + width - 1) / width;
    float[] w = f(weight);
    FloatTensor packed = zeros(panels, k, width);
    float[] out = packed.data();
    pool.parallelForRanges(panels, 1, (start, end) -> {
      for (int panel = start; panel < end; panel++) {
        for (int column = 0; column < width && panel * width + column < n; column++) {
          int row = (panel * width + column) * k;
          for (int p = 0; p < k; p++) {
            out[(panel * k + p) * width + column] = w[row + p];
          }
        }
      }
    });
    return new PackedWeight(packed, n, k);
  }

  @Override
  public int panelWidth() {
    return SkinnyMatmul.PANEL_WIDTH;
  }

  @Override
  public void packPanels(int count, int rows, int columns, Tensor source, Tensor target) {
    int width = SkinnyMatmul.PANEL_WIDTH;
    int panels = Arguments.packPanels(count, rows, columns, width, source, target);
    float[] src = f(source);
    float[] dst = f(target);
    pool.parallelForRanges(count * panels, Math.max(1, MIN_ELEMENTS_PER_TASK / (rows * width)),
        (start, end) -> {
          for (int entry = start; entry < end; entry++) {
            int matrix = entry / panels;
            int column = (entry % panels) * width;
            int columns0 = Math.min(width, columns - column);
            int panelAt = entry * rows * width;
            for (int r = 0; r < rows; r++) {
              int to = panelAt + r * width;
              System.arraycopy(src, (matrix * rows + r) * columns + column, dst, to, columns0);
              Arrays.fill(dst, to + columns0, to + width, 0f);
            }
          }
        });
  }

  @Override
  public void batchedMatmulPanels(int outer, int inner, int m, int n, int k, float alpha,
      BatchedOperand a, BatchedOperand b, BatchedOperand c) {
    int width = SkinnyMatmul.PANEL_WIDTH;
    int panels = Arguments.batchedMatmulPanels(outer, inner, m, n, k, width, a, b, c);
    float[] av = f(a.tensor());
    float[] bv = f(b.tensor());
    float[] cv = f(c.tensor());
    int entries = outer * inner;
    // Enough entries keep every thread busy; otherwise the panels of each entry are split.
    boolean perEntry = entries >= pool.threads();
    int tasks = perEntry ? entries : entries * panels;
    pool.parallelFor(tasks, task -> {
      int entry = perEntry ? task : task / panels;
      int first = perEntry ? 0 : task % panels;
      int last = perEntry ? panels : first + 1;
      int o = entry / inner;
      int i = entry % inner;
      float[] tile = SkinnyMatmul.newPanelTile();
      for (int panel = first; panel < last; panel++) {
        int column = panel * width;
        SkinnyMatmul.multiplyPanel(m, k, alpha, av, a.start(o, i), a.leadingDim(), bv,
            b.start(o, i) + panel * k * width, cv, c.start(o, i) + column, c.leadingDim(),
            Math.min(width, n - column), tile);
      }
    });
  }

  @Override
  public void matmul(int m, float alpha, Tensor x, PackedWeight weight, Tensor y) {
    Arguments.packedMatmul(m, x, weight, y);
    int n = weight.rows();
    int k = weight.columns();
    int width = SkinnyMatmul.PANEL_WIDTH;
    int panels = (n + width - 1) / width;
    float[] xv = f(x);
    float[] wv = f(weight.data());
    float[] yv = f(y);
    int panelsPerTask = Math.max(1, MIN_ELEMENTS_PER_TASK / (k * width));
    pool.parallelForRanges(panels, panelsPerTask, (start, end) -> {
      float[] tile = SkinnyMatmul.newPanelTile();
      for (int panel = start; panel < end; panel++) {
        int column = panel * width;
        SkinnyMatmul.multiplyPanel(m, k, alpha, xv, 0, k, wv, panel * k * width, yv, column, n,
            Math.min(width, n - column), tile);
      }
    });
  }

  // ---- Element-wise ----

  @Override
  public void addInPlace(Tensor target, Tensor addend) {
    Arguments.sameSize("addInPlace", target, addend);
    float[] t = f(target);
    float[] x = f(addend);
    forElements(t.length, (start, end) -> VectorOps.axpy(1f, x, start, t, start, end - start));
  }

  @Override
  public void scale(Tensor target, float alpha) {
    float[] t = f(target);
    forElements(t.length, (start, end) -> VectorOps.scale(alpha, t, start, end - start));
  }

  @Override
  public void dropout(Tensor target, double rate, long seed) {
    Arguments.rate(rate);
    float[] t = f(target);
    forElements(t.length, (start, end) -> DropoutMask.apply(t, start, end, seed, rate));
  }

  @Override
  public void relu(Tensor target) {
    float[] t = f(target);
    forElements(t.length, (start, end) -> Activations.relu(t, start, t, start, end - start));
  }

  @Override
  public void reluBackward(Tensor output, Tensor gradient) {
    Arguments.sameSize("reluBackward", output, gradient);
    float[] y = f(output);
    float[] g = f(gradient);
    forElements(g.length, (start, end) ->
        Activations.reluBackward(y, start, g, start, g, start, end - start));
  }

  @Override
  public void gatedGelu(Tensor gate, Tensor linear, Tensor out) {
    Arguments.gatedGelu(gate, linear, out);
    float[] g = f(gate);
    float[] l = f(linear);
    float[] y = f(out);
    forElements(y.length, (start, end) -> {
      Activations.gelu(g, start, y, start, end - start);
      VectorOps.multiply(y, start, l, start, y, start, end - start);
    });
  }

  @Override
  public void gatedGeluBackward(Tensor gate, Tensor linear, Tensor dOut, Tensor dGate,
      Tensor dLinear) {
    Arguments.gatedGeluBackward(gate, linear, dOut, dGate, dLinear);
    float[] g = f(gate);
    float[] l = f(linear);
    float[] dy = f(dOut);
    float[] dg = f(dGate);
    float[] dl = f(dLinear);
    forElements(dy.length, (start, end) -> {
      int length = end - start;
      float[] activation = new float[length];
      // dGate = gelu'(gate) * (dOut * linear), then dLinear = dOut * gelu(gate); dLinear may be dOut.
      VectorOps.multiply(dy, start, l, start, dg, start, length);
      Activations.geluBackward(g, start, dg, start, dg, start, length);
      Activations.gelu(g, start, activation, 0, length);
      VectorOps.multiply(dy, start, activation, 0, dl, start, length);
    });
  }

  @Override
  public double sumOfSquares(Tensor tensor) {
    float[] t = f(tensor);
    return sumOfSquares(t, t.length);
  }

  /**
   * Returns the sum of squares of the first {@code length} values of a host array, added in
   * fixed blocks so that any thread count gives the same result.
   */
  public double sumOfSquares(float[] t, int length) {
    int blocks = (length + MIN_ELEMENTS_PER_TASK - 1) / MIN_ELEMENTS_PER_TASK;
    double[] partial = new double[blocks];
    pool.parallelForRanges(blocks, 1, (start, end) -> {
      for (int block = start; block < end; block++) {
        int from = block * MIN_ELEMENTS_PER_TASK;
        int to = Math.min(length, from + MIN_ELEMENTS_PER_TASK);
        partial[block] = VectorOps.dot(t, from, t, from, to - from);
      }
    });
    double total = 0;
    for (double sum : partial) {
      total += sum;
    }
    return total;
  }

  // ---- Key/value cache ----

  @Override
  public void writeCachePosition(Tensor x, Tensor cache, int rows, int heads, int capacity,
      int headDim, int position) {
    Arguments.writeCachePosition(x, cache, rows, heads, capacity, headDim, position);
    float[] src = f(x);
    float[] dst = f(cache);
    forRows(rows, heads * headDim, (start, end) -> {
      for (int r = start; r < end; r++) {
        for (int h = 0; h < heads; h++) {
          System.arraycopy(src, (r * heads + h) * headDim, dst,
              ((r * heads + h) * capacity + position) * headDim, headDim);
        }
      }
    });
  }

  @Override
  public void gatherCacheRows(Tensor cache, int[] rows, Tensor out, int heads, int capacity,
      int length, int headDim) {
    Arguments.gatherCacheRows(cache, rows, out, heads, capacity, length, headDim);
    float[] src = f(cache);
    float[] dst = f(out);
    int block = length * headDim; // the valid positions of one head, contiguous
    forRows(rows.length * heads, block, (start, end) -> {
      for (int entry = start; entry < end; entry++) {
        int r = entry / heads;
        int h = entry % heads;
        System.arraycopy(src, (rows[r] * heads + h) * capacity * headDim, dst,
            (r * heads + h) * capacity * headDim, block);
      }
    });
  }

  // ---- Row-wise ----

  @Override
  public void rmsNorm(Tensor x, Tensor weight, double epsilon, Tensor out, Tensor inverseRms) {
    int width = weight.size();
    int rows = Arguments.rmsNorm(x, weight, out, inverseRms);
    float[] xv = f(x);
    float[] w = f(weight);
    float[] y = f(out);
    float[] r = f(inverseRms);
    forRows(rows, width, (start, end) -> {
      for (int n = start; n < end; n++) {
        r[n] = RowOps.rmsNorm(xv, n * width, w, 0, y, n * width, width, (float) epsilon);
      }
    });
  }

  @Override
  public void rmsNormBackward(Tensor dOut, Tensor x, Tensor weight, Tensor inverseRms,
      Tensor dx, Tensor dWeight) {
    int width = weight.size();
    int rows = Arguments.rmsNormBackward(dOut, x, weight, inverseRms, dx, dWeight);
    float[] dy = f(dOut);
    float[] xv = f(x);
    float[] w = f(weight);
    float[] r = f(inverseRms);
    float[] dxv = f(dx);
    float[] dw = f(dWeight);
    // Each block of rows sums its own dWeight; the blocks are added in order afterwards.
    int blocks = (rows + ROW_BLOCK - 1) / ROW_BLOCK;
    float[][] partial = new float[blocks][width];
    pool.parallelFor(blocks, block -> {
      float[] rowGradient = new float[width];
      for (int n = block * ROW_BLOCK, last = Math.min(rows, n + ROW_BLOCK); n < last; n++) {
        RowOps.rmsNormBackward(xv, n * width, w, 0, r[n], dy, n * width, rowGradient, 0,
            partial[block], 0, width);
        VectorOps.axpy(1f, rowGradient, 0, dxv, n * width, width);
      }
    });
    for (float[] sums : partial) {
      VectorOps.axpy(1f, sums, 0, dw, 0, width);
    }
  }

  @Override
  public void gatherRows(Tensor table, int[] ids, Tensor out) {
    int width = Arguments.rowsById("gatherRows", table, ids, out);
    float[] t = f(table);
    float[] y = f(out);
    forRows(ids.length, width, (start, end) -> {
      for (int n = start; n < end; n++) {
        System.arraycopy(t, ids[n] * width, y, n * width, width);
      }
    });
  }

  @Override
  public void scatterAddRows(Tensor dOut, int[] ids, Tensor dTable) {
    int width = Arguments.rowsById("scatterAddRows", dTable, ids, dOut);
    float[] dy = f(dOut);
    float[] dt = f(dTable);
    // Rows may repeat an id, so threads split the columns, never the rows.
    int blocks = (width + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
    pool.parallelForRanges(blocks, 1, (startBlock, endBlock) -> {
      int from = startBlock * COLUMN_BLOCK;
      int to = Math.min(width, endBlock * COLUMN_BLOCK);
      for (int n = 0; n < ids.length; n++) {
        VectorOps.axpy(1f, dy, n * width + from, dt, ids[n] * width + from, to - from);
      }
    });
  }

  @Override
  public void splitHeads(Tensor x, Tensor out, int batch, int length, int heads, int headDim) {
    permuteHeads(x, out, batch, length, heads, headDim, true);
  }

  @Override
  public void mergeHeads(Tensor x, Tensor out, int batch, int length, int heads, int headDim) {
    permuteHeads(x, out, batch, length, heads, headDim, false);
  }

  private void permuteHeads(Tensor x, Tensor out, int batch, int length, int heads,
      int headDim, boolean split) {
    Arguments.permuteHeads(split ? "splitHeads" : "mergeHeads", x, out, batch, length, heads,
        headDim);
    float[] src = f(x);
    float[] dst = f(out);
    forRows(batch * length, heads * headDim, (start, end) -> {
      for (int token = start; token < end; token++) {
        int b = token / length;
        int t = token % length;
        for (int h = 0; h < heads; h++) {
          int tokenMajor = (token * heads + h) * headDim;
          int headMajor = ((b * heads + h) * length + t) * headDim;
          if (split) {
            System.arraycopy(src, tokenMajor, dst, headMajor, headDim);
          } else {
            System.arraycopy(src, headMajor, dst, tokenMajor, headDim);
          }
        }
      }
    });
  }

  @Override
  public void attentionSoftmax(Tensor scores, int batch, int heads, int queries, int keys,
      Tensor positionBias, AttentionMask mask) {
    Arguments.attentionSoftmax(scores, batch, heads, queries, keys, positionBias, mask);
    float[] s = f(scores);
    float[] bias = positionBias == null ? null : f(positionBias);
    int[] padding = mask.keyPadding();
    forRows(batch * heads * queries, keys, (start, end) -> {
      for (int rowIndex = start; rowIndex < end; rowIndex++) {
        int q = rowIndex % queries;
        int h = (rowIndex / queries) % heads;
        int b = rowIndex / (queries * heads);
        int row = rowIndex * keys;
        int biasRow = (h * queries + q) * keys;
        int visibleEnd = mask.causal() ? Math.min(keys, q + mask.queryOffset() + 1) : keys;
        if (bias != null) {
          VectorOps.axpy(1f, bias, biasRow, s, row, keys);
        }
        Arrays.fill(s, row + Math.max(visibleEnd, 0), row + keys, Float.NEGATIVE_INFINITY);
        if (padding != null) {
          int paddingRow = b * mask.keyPaddingStride();
          for (int k = 0; k < visibleEnd; k++) {
            if (padding[paddingRow + k] == 0) {
              s[row + k] = Float.NEGATIVE_INFINITY;
            }
          }
        }
        if (VectorOps.max(s, row, keys) == Float.NEGATIVE_INFINITY) {
          Arrays.fill(s, row, row + keys, 1f / keys);
        } else {
          RowOps.softmax(s, row, s, row, keys);
        }
      }
    });
  }

  @Override
  public void softmaxBackward(Tensor probs, Tensor gradient, int width) {
    int rows = Arguments.softmaxBackward(probs, gradient, width);
    float[] p = f(probs);
    float[] g = f(gradient);
    forRows(rows, width, (start, end) -> {
      for (int n = start; n < end; n++) {
        RowOps.softmaxBackward(p, n * width, g, n * width, g, n * width, width);
      }
    });
  }

  @Override
  public void positionBias(Tensor table, int[] buckets, Tensor out) {
    int heads = Arguments.positionBias(table, buckets, out);
    float[] t = f(table);
    float[] y = f(out);
    for (int h = 0; h < heads; h++) {
      int base = h * buckets.length;
      for (int i = 0; i < buckets.length; i++) {
        y[base + i] = t[buckets[i] * heads + h];
      }
    }
  }

  @Override
  public void positionBiasBackward(Tensor dScores, int batch, int[] buckets, Tensor dTable) {
    int heads = Arguments.positionBiasBackward(dScores, batch, buckets, dTable);
    int cells = buckets.length;
    float[] ds = f(dScores);
    float[] dt = f(dTable);
    // Each head owns one column of the table, so heads run in parallel without conflicts.
    pool.parallelForRanges(heads, 1, (start, end) -> {
      for (int h = start; h < end; h++) {
        int bucketCount = dt.length / heads;
        double[] sums = new double[bucketCount];
        for (int b = 0; b < batch; b++) {
          int base = (b * heads + h) * cells;
          for (int i = 0; i < cells; i++) {
            sums[buckets[i]] += ds[base + i];
          }
        }
        for (int bucket = 0; bucket < bucketCount; bucket++) {
          dt[bucket * heads + h] += (float) sums[bucket];
        }
      }
    });
  }

  @Override
  public double crossEntropy(Tensor logits, int[] targets, Tensor dLogits, double gradScale) {
    int vocab = Arguments.crossEntropy(logits, targets, dLogits);
    float[] z = f(logits);
    float[] dz = dLogits == null ? null : f(dLogits);
    double[] rowLoss = new double[targets.length];
    forRows(targets.length, vocab, (start, end) -> {
      for (int n = start; n < end; n++) {
        int row = n * vocab;
        if (targets[n] < 0) {
          if (dz != null) {
            Arrays.fill(dz, row, row + vocab, 0f);
          }
          continue;
        }
        float max = VectorOps.max(z, row, vocab);
        float target = z[row + targets[n]];
        double sum = expSum(z, row, vocab, max, dz);
        rowLoss[n] = Math.log(sum) + max - target;
        if (dz != null) {
          // dz now contains exp(z - max): scale it to gradScale * softmax, minus the one-hot.
          VectorOps.scale((float) (gradScale / sum), dz, row, vocab);
          dz[row + targets[n]] -= (float) gradScale;
        }
      }
    });
    double loss = 0;
    for (double value : rowLoss) {
      loss += value;
    }
    return loss;
  }

  @Override
  public void logSumExp(Tensor x, int width, Tensor out) {
    int rows = Arguments.logSumExp(x, width, out);
    float[] z = f(x);
    float[] y = f(out);
    forRows(rows, width, (start, end) -> {
      for (int n = start; n < end; n++) {
        float max = VectorOps.max(z, n * width, width);
        y[n] = max == Float.NEGATIVE_INFINITY ? max
            : (float) (max + Math.log(expSum(z, n * width, width, max, null)));
      }
    });
  }

  /**
   * Returns sum(exp(z - max)) over one row, and writes the exponentials to the same
   * positions of {@code out} unless it is null (it may be z itself).
   */
  private static double expSum(float[] z, int offset, int length, float max, float[] out) {
    FloatVector sums = FloatVector.zero(SPECIES);
    int i = 0;
    for (int upper = SPECIES.loopBound(length); i < upper; i += LANES) {
      FloatVector e = VectorMath.exp(FloatVector.fromArray(SPECIES, z, offset + i).sub(max));
      if (out != null) {
        e.intoArray(out, offset + i);
      }
      sums = sums.add(e);
    }
    double sum = sums.reduceLanes(VectorOperators.ADD);
    for (; i < length; i++) {
      float e = (float) Math.exp(z[offset + i] - max);
      if (out != null) {
        out[offset + i] = e;
      }
      sum += e;
    }
    return sum;
  }
}
