package org.gqaspark.model.compute;

import java.util.Arrays;
import java.util.function.IntFunction;
import org.gqaspark.tensor.Gemm;

/**
 * The fast backend: 32-bit floats in JVM arrays, matrix products through {@link Gemm}, and
 * row-wise and element-wise kernels split over the granted threads. Reductions use a fixed
 * partition and accumulate in double, so results do not depend on the number of threads.
 */
public final class FloatCompute implements Compute {

  private static final String NAME = "float32";
  /** Smallest number of elements worth handing to another thread. */
  private static final int MIN_ELEMENTS_PER_TASK = 1 << 14;
  /** Width of the column blocks of column-wise reductions. */
  private static final int COLUMN_BLOCK = 64;

  private final Gemm gemm;
  private final Gemm taskGemm;
  private final ParallelLoop loop;
  private volatile boolean closed;

  /**
   * Creates a backend that uses at most {@code threads} threads.
   *
   * @param gemmFactory creates a {@link Gemm} that uses the given number of threads; called
   *     once with {@code threads} (whole-matrix products) and once with 1 (the per-entry
   *     products of batched calls, which run in parallel with each other)
   */
  public FloatCompute(int threads, IntFunction<Gemm> gemmFactory) {
    this.loop = new ParallelLoop(threads);
    this.gemm = gemmFactory.apply(threads);
    this.taskGemm = threads == 1 ? gemm : gemmFactory.apply(1);
  }

  @Override
  public String description() {
    return NAME + ", " + loop.threads() + " thread" + (loop.threads() == 1 ? "" : "s")
        + ", gemm " + gemm.name();
  }

  @Override
  public int threads() {
    return loop.threads();
  }

  @Override
  public void close() {
    closed = true;
    loop.close();
  }

  /** Returns the thread pool of this backend, for host-side loops such as optimizer updates. */
  public ParallelLoop loop() {
    return loop;
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

  private void forElements(int count, ParallelLoop.RangeBody body) {
    loop.forRange(count, MIN_ELEMENTS_PER_TASK, body);
  }

  private void forRows(int rows, int width, ParallelLoop.RangeBody body) {
    loop.forRange(rows, Math.max(1, MIN_ELEMENTS_PER_TASK / Math.max(width, 1)), body);
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
    gemm.sgemm(transA, transB, m, n, k, alpha, f(a), 0, transA ? m : k, f(b), 0,
        transB ? k : n, beta, f(c), 0, n);
  }

  @Override
  public void batchedMatmul(int outer, int inner, boolean transA, boolean transB, int m, int n,
      int k, float alpha, BatchedOperand a, BatchedOperand b, float beta, BatchedOperand c) {
    Arguments.matmul("batchedMatmul", transA, transB, m, n, k, a, b, c, outer, inner);
    float[] av = f(a.tensor());
    float[] bv = f(b.tensor());
    float[] cv = f(c.tensor());
    int entries = outer * inner;
    if (entries < loop.threads()) {
      // Too few entries to keep every thread busy: let the multi-threaded product split each.
      for (int e = 0; e < entries; e++) {
        int o = e / inner;
        int i = e % inner;
        gemm.sgemm(transA, transB, m, n, k, alpha, av, a.start(o, i), a.leadingDim(),
            bv, b.start(o, i), b.leadingDim(), beta, cv, c.start(o, i), c.leadingDim());
      }
      return;
    }
    loop.forRange(entries, 1, (start, end) -> {
      for (int e = start; e < end; e++) {
        int o = e / inner;
        int i = e % inner;
        taskGemm.sgemm(transA, transB, m, n, k, alpha, av, a.start(o, i), a.leadingDim(),
            bv, b.start(o, i), b.leadingDim(), beta, cv, c.start(o, i), c.leadingDim());
      }
    });
  }

  // ---- Element-wise ----

  @Override
  public void addInPlace(Tensor target, Tensor addend) {
    Arguments.sameSize("addInPlace", target, addend);
    float[] t = f(target);
    float[] x = f(addend);
    forElements(t.length, (start, end) -> {
      for (int i = start; i < end; i++) {
        t[i] += x[i];
      }
    });
  }

  @Override
  public void scale(Tensor target, float alpha) {
    float[] t = f(target);
    forElements(t.length, (start, end) -> {
      for (int i = start; i < end; i++) {
        t[i] *= alpha;
      }
    });
  }

  @Override
  public void dropout(Tensor target, double rate, long seed) {
    Arguments.rate(rate);
    float[] t = f(target);
    float keepScale = (float) (1.0 / (1.0 - rate));
    forElements(t.length, (start, end) -> {
      for (int i = start; i < end; i++) {
        t[i] = DropoutMask.keep(seed, i, rate) ? t[i] * keepScale : 0f;
      }
    });
  }

  @Override
  public void relu(Tensor target) {
    float[] t = f(target);
    forElements(t.length, (start, end) -> {
      for (int i = start; i < end; i++) {
        t[i] = Math.max(t[i], 0f);
      }
    });
  }

  @Override
  public void reluBackward(Tensor output, Tensor gradient) {
    Arguments.sameSize("reluBackward", output, gradient);
    float[] y = f(output);
    float[] g = f(gradient);
    forElements(g.length, (start, end) -> {
      for (int i = start; i < end; i++) {
        g[i] = y[i] > 0f ? g[i] : 0f;
      }
    });
  }

  @Override
  public void gatedGelu(Tensor gate, Tensor linear, Tensor out) {
    Arguments.gatedGelu(gate, linear, out);
    float[] g = f(gate);
    float[] l = f(linear);
    float[] y = f(out);
    forElements(y.length, (start, end) -> {
      for (int i = start; i < end; i++) {
        y[i] = (float) (Gelu.value(g[i]) * l[i]);
      }
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
      for (int i = start; i < end; i++) {
        float upstream = dy[i];
        dg[i] = (float) (upstream * l[i] * Gelu.derivative(g[i]));
        dl[i] = (float) (upstream * Gelu.value(g[i]));
      }
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
    loop.forRange(blocks, 1, (start, end) -> {
      for (int block = start; block < end; block++) {
        int from = block * MIN_ELEMENTS_PER_TASK;
        int to = Math.min(length, from + MIN_ELEMENTS_PER_TASK);
        double sum = 0;
        for (int i = from; i < to; i++) {
          sum += (double) t[i] * t[i];
        }
        partial[block] = sum;
      }
    });
    double total = 0;
    for (double sum : partial) {
      total += sum;
    }
    return total;
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
        int row = n * width;
        double squares = 0;
        for (int i = 0; i < width; i++) {
          float v = xv[row + i];
          squares += v * v;
        }
        float rn = (float) (1.0 / Math.sqrt(squares / width + epsilon));
        r[n] = rn;
        for (int i = 0; i < width; i++) {
          y[row + i] = w[i] * (xv[row + i] * rn);
        }
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
    forRows(rows, width, (start, end) -> {
      for (int n = start; n < end; n++) {
        int row = n * width;
        double dot = 0;
        for (int i = 0; i < width; i++) {
          dot += w[i] * dy[row + i] * xv[row + i];
        }
        float rn = r[n];
        float correction = (float) (rn * rn * rn * dot / width);
        for (int i = 0; i < width; i++) {
          dxv[row + i] += rn * w[i] * dy[row + i] - xv[row + i] * correction;
        }
      }
    });
    int blocks = (width + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
    loop.forRange(blocks, 1, (startBlock, endBlock) -> {
      int from = startBlock * COLUMN_BLOCK;
      int to = Math.min(width, endBlock * COLUMN_BLOCK);
      double[] sums = new double[to - from];
      for (int n = 0; n < rows; n++) {
        int row = n * width;
        float rn = r[n];
        for (int i = from; i < to; i++) {
          sums[i - from] += dy[row + i] * xv[row + i] * rn;
        }
      }
      for (int i = from; i < to; i++) {
        dw[i] += (float) sums[i - from];
      }
    });
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
    loop.forRange(blocks, 1, (startBlock, endBlock) -> {
      int from = startBlock * COLUMN_BLOCK;
      int to = Math.min(width, endBlock * COLUMN_BLOCK);
      for (int n = 0; n < ids.length; n++) {
        int src = n * width;
        int dst = ids[n] * width;
        for (int i = from; i < to; i++) {
          dt[dst + i] += dy[src + i];
        }
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
        int paddingRow = b * mask.keyPaddingStride();
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < keys; k++) {
          float value = bias == null ? s[row + k] : s[row + k] + bias[biasRow + k];
          boolean visible = k < visibleEnd && (padding == null || padding[paddingRow + k] != 0);
          s[row + k] = visible ? value : Float.NEGATIVE_INFINITY;
          max = Math.max(max, s[row + k]);
        }
        if (max == Float.NEGATIVE_INFINITY) {
          Arrays.fill(s, row, row + keys, 1f / keys);
          continue;
        }
        double sum = 0;
        for (int k = 0; k < keys; k++) {
          float e = (float) Math.exp(s[row + k] - max);
          s[row + k] = e;
          sum += e;
        }
        float inverse = (float) (1.0 / sum);
        for (int k = 0; k < keys; k++) {
          s[row + k] *= inverse;
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
        int row = n * width;
        double dot = 0;
        for (int j = 0; j < width; j++) {
          dot += p[row + j] * g[row + j];
        }
        float rowDot = (float) dot;
        for (int j = 0; j < width; j++) {
          g[row + j] = p[row + j] * (g[row + j] - rowDot);
        }
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
    loop.forRange(heads, 1, (start, end) -> {
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
        float max = Float.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
          max = Math.max(max, z[row + v]);
        }
        double sum = 0;
        for (int v = 0; v < vocab; v++) {
          sum += Math.exp(z[row + v] - max);
        }
        double logSum = Math.log(sum) + max;
        rowLoss[n] = logSum - z[row + targets[n]];
        if (dz != null) {
          for (int v = 0; v < vocab; v++) {
            double p = Math.exp(z[row + v] - logSum);
            dz[row + v] = (float) (gradScale * p);
          }
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
}
