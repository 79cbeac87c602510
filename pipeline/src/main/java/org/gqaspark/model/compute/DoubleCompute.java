package org.gqaspark.model.compute;

/**
 * Reference backend: every operation as plain loops in 64-bit doubles on one thread. The
 * gradient checks run the model on it, because central finite differences need double
 * precision; {@link FloatCompute}'s kernels are tested against it. Never used for real work.
 */
public final class DoubleCompute implements Compute {

  private static final String NAME = "float64 reference";

  @Override
  public String description() {
    return NAME + ", 1 thread";
  }

  @Override
  public int threads() {
    return 1;
  }

  @Override
  public void close() {
    // Nothing to release: no threads.
  }

  private static double[] d(Tensor tensor) {
    if (tensor instanceof DoubleTensor doubles) {
      return doubles.data();
    }
    throw ComputeErrors.wrongBackend(tensor, NAME);
  }

  // ---- Allocation and host transfer ----

  @Override
  public DoubleTensor zeros(int... shape) {
    long count = 1;
    for (int dim : shape) {
      count *= Math.max(dim, 0);
    }
    return new DoubleTensor(new double[(int) Math.min(count, Integer.MAX_VALUE)], shape);
  }

  @Override
  public DoubleTensor fromFloats(float[] values, int... shape) {
    double[] data = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      data[i] = values[i];
    }
    return new DoubleTensor(data, shape);
  }

  @Override
  public float[] toFloats(Tensor tensor) {
    double[] data = d(tensor);
    float[] values = new float[data.length];
    for (int i = 0; i < data.length; i++) {
      values[i] = (float) data[i];
    }
    return values;
  }

  @Override
  public void copyFromFloats(float[] values, Tensor target) {
    double[] data = d(target);
    if (values.length != data.length) {
      throw ComputeErrors.dataSizeMismatch(target.shape(), values.length);
    }
    for (int i = 0; i < values.length; i++) {
      data[i] = values[i];
    }
  }

  @Override
  public void copy(Tensor source, Tensor target) {
    Arguments.atLeast("copy", "source", source, target.size());
    System.arraycopy(d(source), 0, d(target), 0, target.size());
  }

  @Override
  public void fill(Tensor target, float value) {
    java.util.Arrays.fill(d(target), value);
  }

  // ---- Matrix products ----

  @Override
  public void matmul(boolean transA, boolean transB, int m, int n, int k, float alpha,
      Tensor a, Tensor b, float beta, Tensor c) {
    batchedMatmul(1, 1, transA, transB, m, n, k, alpha,
        new BatchedOperand(a, 0, transA ? m : k, 0, 0),
        new BatchedOperand(b, 0, transB ? k : n, 0, 0),
        beta, new BatchedOperand(c, 0, n, 0, 0));
  }

  @Override
  public void batchedMatmul(int outer, int inner, boolean transA, boolean transB, int m, int n,
      int k, float alpha, BatchedOperand a, BatchedOperand b, float beta, BatchedOperand c) {
    Arguments.matmul("matmul", transA, transB, m, n, k, a, b, c, outer, inner);
    double[] av = d(a.tensor());
    double[] bv = d(b.tensor());
    double[] cv = d(c.tensor());
    for (int o = 0; o < outer; o++) {
      for (int e = 0; e < inner; e++) {
        int a0 = a.start(o, e);
        int b0 = b.start(o, e);
        int c0 = c.start(o, e);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int p = 0; p < k; p++) {
              double aip = transA ? av[a0 + p * a.leadingDim() + i] : av[a0 + i * a.leadingDim() + p];
              double bpj = transB ? bv[b0 + j * b.leadingDim() + p] : bv[b0 + p * b.leadingDim() + j];
              sum += aip * bpj;
            }
            int at = c0 + i * c.leadingDim() + j;
            cv[at] = alpha * sum + (beta == 0f ? 0.0 : beta * cv[at]);
          }
        }
      }
    }
  }

  // ---- Element-wise ----

  /** Keeps W as it is: the reference backend has no faster layout. */
  @Override
  public PackedWeight packWeight(Tensor weight, int n, int k) {
    Arguments.atLeast("packWeight", "weight", weight, (long) n * k);
    DoubleTensor copy = zeros(n, k);
    System.arraycopy(d(weight), 0, copy.data(), 0, n * k);
    return new PackedWeight(copy, n, k);
  }

  @Override
  public void matmul(int m, float alpha, Tensor x, PackedWeight weight, Tensor y) {
    Arguments.packedMatmul(m, x, weight, y);
    matmul(false, true, m, weight.rows(), weight.columns(), alpha, x, weight.data(), 0f, y);
  }

  /** A narrow panel, so that tests on small matrices cover padded panels. */
  private static final int PANEL_WIDTH = 4;

  @Override
  public int panelWidth() {
    return PANEL_WIDTH;
  }

  @Override
  public void packPanels(int count, int rows, int columns, Tensor source, Tensor target) {
    int panels = Arguments.packPanels(count, rows, columns, PANEL_WIDTH, source, target);
    double[] src = d(source);
    double[] dst = d(target);
    for (int matrix = 0; matrix < count; matrix++) {
      for (int panel = 0; panel < panels; panel++) {
        for (int r = 0; r < rows; r++) {
          for (int col = 0; col < PANEL_WIDTH; col++) {
            int column = panel * PANEL_WIDTH + col;
            dst[((matrix * panels + panel) * rows + r) * PANEL_WIDTH + col] =
                column < columns ? src[(matrix * rows + r) * columns + column] : 0.0;
          }
        }
      }
    }
  }

  @Override
  public void batchedMatmulPanels(int outer, int inner, int m, int n, int k, float alpha,
      BatchedOperand a, BatchedOperand b, BatchedOperand c) {
    Arguments.batchedMatmulPanels(outer, inner, m, n, k, PANEL_WIDTH, a, b, c);
    double[] av = d(a.tensor());
    double[] bv = d(b.tensor());
    double[] cv = d(c.tensor());
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        for (int row = 0; row < m; row++) {
          for (int column = 0; column < n; column++) {
            int panelAt = b.start(o, i) + (column / PANEL_WIDTH) * k * PANEL_WIDTH
                + column % PANEL_WIDTH;
            double sum = 0;
            for (int p = 0; p < k; p++) {
              sum += av[a.start(o, i) + row * a.leadingDim() + p]
                  * bv[panelAt + p * PANEL_WIDTH];
            }
            cv[c.start(o, i) + row * c.leadingDim() + column] = alpha * sum;
          }
        }
      }
    }
  }

  @Override
  public void addInPlace(Tensor target, Tensor addend) {
    Arguments.sameSize("addInPlace", target, addend);
    double[] t = d(target);
    double[] x = d(addend);
    for (int i = 0; i < t.length; i++) {
      t[i] += x[i];
    }
  }

  @Override
  public void scale(Tensor target, float alpha) {
    double[] t = d(target);
    for (int i = 0; i < t.length; i++) {
      t[i] *= alpha;
    }
  }

  @Override
  public void dropout(Tensor target, double rate, long seed) {
    Arguments.rate(rate);
    double[] t = d(target);
    double keepScale = 1.0 / DropoutMask.keepProbability(rate);
    for (int i = 0; i < t.length; i++) {
      t[i] = DropoutMask.keep(seed, i, rate) ? t[i] * keepScale : 0.0;
    }
  }

  @Override
  public void relu(Tensor target) {
    double[] t = d(target);
    for (int i = 0; i < t.length; i++) {
      t[i] = Math.max(t[i], 0.0);
    }
  }

  @Override
  public void reluBackward(Tensor output, Tensor gradient) {
    Arguments.sameSize("reluBackward", output, gradient);
    double[] y = d(output);
    double[] g = d(gradient);
    for (int i = 0; i < g.length; i++) {
      if (!(y[i] > 0)) {
        g[i] = 0.0;
      }
    }
  }

  @Override
  public void gatedGelu(Tensor gate, Tensor linear, Tensor out) {
    Arguments.gatedGelu(gate, linear, out);
    double[] g = d(gate);
    double[] l = d(linear);
    double[] y = d(out);
    for (int i = 0; i < y.length; i++) {
      y[i] = Gelu.value(g[i]) * l[i];
    }
  }

  @Override
  public void gatedGeluBackward(Tensor gate, Tensor linear, Tensor dOut, Tensor dGate,
      Tensor dLinear) {
    Arguments.gatedGeluBackward(gate, linear, dOut, dGate, dLinear);
    double[] g = d(gate);
    double[] l = d(linear);
    double[] dy = d(dOut);
    double[] dg = d(dGate);
    double[] dl = d(dLinear);
    for (int i = 0; i < dy.length; i++) {
      dg[i] = dy[i] * l[i] * Gelu.derivative(g[i]);
      dl[i] = dy[i] * Gelu.value(g[i]);
    }
  }

  @Override
  public double sumOfSquares(Tensor tensor) {
    double sum = 0;
    for (double value : d(tensor)) {
      sum += value * value;
    }
    return sum;
  }

  // ---- Row-wise ----

  @Override
  public void rmsNorm(Tensor x, Tensor weight, double epsilon, Tensor out, Tensor inverseRms) {
    int width = weight.size();
    int rows = Arguments.rmsNorm(x, weight, out, inverseRms);
    double[] xv = d(x);
    double[] w = d(weight);
    double[] y = d(out);
    double[] r = d(inverseRms);
    for (int n = 0; n < rows; n++) {
      int row = n * width;
      double squares = 0;
      for (int i = 0; i < width; i++) {
        squares += xv[row + i] * xv[row + i];
      }
      r[n] = 1.0 / Math.sqrt(squares / width + epsilon);
      for (int i = 0; i < width; i++) {
        y[row + i] = w[i] * (xv[row + i] * r[n]);
      }
    }
  }

  @Override
  public void rmsNormBackward(Tensor dOut, Tensor x, Tensor weight, Tensor inverseRms,
      Tensor dx, Tensor dWeight) {
    int width = weight.size();
    int rows = Arguments.rmsNormBackward(dOut, x, weight, inverseRms, dx, dWeight);
    double[] dy = d(dOut);
    double[] xv = d(x);
    double[] w = d(weight);
    double[] r = d(inverseRms);
    double[] dxv = d(dx);
    double[] dw = d(dWeight);
    for (int n = 0; n < rows; n++) {
      int row = n * width;
      double dot = 0;
      for (int i = 0; i < width; i++) {
        dot += w[i] * dy[row + i] * xv[row + i];
      }
      double rn = r[n];
      double correction = rn * rn * rn * dot / width;
      for (int i = 0; i < width; i++) {
        dxv[row + i] += rn * w[i] * dy[row + i] - xv[row + i] * correction;
        dw[i] += dy[row + i] * xv[row + i] * rn;
      }
    }
  }

  @Override
  public void writeCachePosition(Tensor x, Tensor cache, int rows, int heads, int capacity,
      int headDim, int position) {
    Arguments.writeCachePosition(x, cache, rows, heads, capacity, headDim, position);
    double[] src = d(x);
    double[] dst = d(cache);
    for (int r = 0; r < rows; r++) {
      for (int h = 0; h < heads; h++) {
        for (int i = 0; i < headDim; i++) {
          dst[((r * heads + h) * capacity + position) * headDim + i] =
              src[(r * heads + h) * headDim + i];
        }
      }
    }
  }

  @Override
  public void gatherCacheRows(Tensor cache, int[] rows, Tensor out, int heads, int capacity,
      int length, int headDim) {
    Arguments.gatherCacheRows(cache, rows, out, heads, capacity, length, headDim);
    double[] src = d(cache);
    double[] dst = d(out);
    for (int r = 0; r < rows.length; r++) {
      for (int h = 0; h < heads; h++) {
        for (int i = 0; i < length * headDim; i++) {
          dst[(r * heads + h) * capacity * headDim + i] =
              src[(rows[r] * heads + h) * capacity * headDim + i];
        }
      }
    }
  }

  @Override
  public void gatherRows(Tensor table, int[] ids, Tensor out) {
    int width = Arguments.rowsById("gatherRows", table, ids, out);
    double[] t = d(table);
    double[] y = d(out);
    for (int n = 0; n < ids.length; n++) {
      System.arraycopy(t, ids[n] * width, y, n * width, width);
    }
  }

  @Override
  public void scatterAddRows(Tensor dOut, int[] ids, Tensor dTable) {
    int width = Arguments.rowsById("scatterAddRows", dTable, ids, dOut);
    double[] dy = d(dOut);
    double[] dt = d(dTable);
    for (int n = 0; n < ids.length; n++) {
      for (int i = 0; i < width; i++) {
        dt[ids[n] * width + i] += dy[n * width + i];
      }
    }
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
    double[] src = d(x);
    double[] dst = d(out);
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < length; t++) {
        for (int h = 0; h < heads; h++) {
          int tokenMajor = ((b * length + t) * heads + h) * headDim;
          int headMajor = ((b * heads + h) * length + t) * headDim;
          for (int i = 0; i < headDim; i++) {
            if (split) {
              dst[headMajor + i] = src[tokenMajor + i];
            } else {
              dst[tokenMajor + i] = src[headMajor + i];
            }
          }
        }
      }
    }
  }

  @Override
  public void attentionSoftmax(Tensor scores, int batch, int heads, int queries, int keys,
      Tensor positionBias, AttentionMask mask) {
    Arguments.attentionSoftmax(scores, batch, heads, queries, keys, positionBias, mask);
    double[] s = d(scores);
    double[] bias = positionBias == null ? null : d(positionBias);
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < heads; h++) {
        for (int q = 0; q < queries; q++) {
          int row = ((b * heads + h) * queries + q) * keys;
          int biasRow = (h * queries + q) * keys;
          double max = Double.NEGATIVE_INFINITY;
          for (int k = 0; k < keys; k++) {
            if (bias != null) {
              s[row + k] += bias[biasRow + k];
            }
            if (mask.visible(b, q, k)) {
              max = Math.max(max, s[row + k]);
            }
          }
          if (max == Double.NEGATIVE_INFINITY) {
            java.util.Arrays.fill(s, row, row + keys, 1.0 / keys);
            continue;
          }
          double sum = 0;
          for (int k = 0; k < keys; k++) {
            double e = mask.visible(b, q, k) ? Math.exp(s[row + k] - max) : 0.0;
            s[row + k] = e;
            sum += e;
          }
          for (int k = 0; k < keys; k++) {
            s[row + k] /= sum;
          }
        }
      }
    }
  }

  @Override
  public void softmaxBackward(Tensor probs, Tensor gradient, int width) {
    int rows = Arguments.softmaxBackward(probs, gradient, width);
    double[] p = d(probs);
    double[] g = d(gradient);
    for (int n = 0; n < rows; n++) {
      int row = n * width;
      double dot = 0;
      for (int j = 0; j < width; j++) {
        dot += p[row + j] * g[row + j];
      }
      for (int j = 0; j < width; j++) {
        g[row + j] = p[row + j] * (g[row + j] - dot);
      }
    }
  }

  @Override
  public void positionBias(Tensor table, int[] buckets, Tensor out) {
    int heads = Arguments.positionBias(table, buckets, out);
    double[] t = d(table);
    double[] y = d(out);
    for (int h = 0; h < heads; h++) {
      for (int i = 0; i < buckets.length; i++) {
        y[h * buckets.length + i] = t[buckets[i] * heads + h];
      }
    }
  }

  @Override
  public void positionBiasBackward(Tensor dScores, int batch, int[] buckets, Tensor dTable) {
    int heads = Arguments.positionBiasBackward(dScores, batch, buckets, dTable);
    int cells = buckets.length;
    double[] ds = d(dScores);
    double[] dt = d(dTable);
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < heads; h++) {
        for (int i = 0; i < cells; i++) {
          dt[buckets[i] * heads + h] += ds[(b * heads + h) * cells + i];
        }
      }
    }
  }

  @Override
  public void logSumExp(Tensor x, int width, Tensor out) {
    int rows = Arguments.logSumExp(x, width, out);
    double[] z = d(x);
    double[] y = d(out);
    for (int n = 0; n < rows; n++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < width; j++) {
        max = Math.max(max, z[n * width + j]);
      }
      double sum = 0;
      for (int j = 0; j < width; j++) {
        sum += Math.exp(z[n * width + j] - max);
      }
      y[n] = max == Double.NEGATIVE_INFINITY ? max : max + Math.log(sum);
    }
  }

  @Override
  public double crossEntropy(Tensor logits, int[] targets, Tensor dLogits, double gradScale) {
    int vocab = Arguments.crossEntropy(logits, targets, dLogits);
    double[] z = d(logits);
    double[] dz = dLogits == null ? null : d(dLogits);
    double loss = 0;
    for (int n = 0; n < targets.length; n++) {
      int row = n * vocab;
      if (targets[n] < 0) {
        if (dz != null) {
          java.util.Arrays.fill(dz, row, row + vocab, 0.0);
        }
        continue;
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int v = 0; v < vocab; v++) {
        max = Math.max(max, z[row + v]);
      }
      double sum = 0;
      for (int v = 0; v < vocab; v++) {
        sum += Math.exp(z[row + v] - max);
      }
      double logSum = Math.log(sum) + max;
      loss += logSum - z[row + targets[n]];
      if (dz != null) {
        for (int v = 0; v < vocab; v++) {
          double p = Math.exp(z[row + v] - logSum);
          dz[row + v] = gradScale * (p - (v == targets[n] ? 1.0 : 0.0));
        }
      }
    }
    return loss;
  }
}
