package org.gqaspark.model.compute;

/** Size checks shared by the backends, so that both reject the same calls. */
final class Arguments {

  private Arguments() {}

  static void atLeast(String operation, String operand, Tensor tensor, long elements) {
    if (tensor.size() < elements) {
      throw ComputeErrors.sizeMismatch(operation, operand, elements, tensor.size());
    }
  }

  static void sameSize(String operation, Tensor first, Tensor second) {
    if (first.size() != second.size()) {
      throw ComputeErrors.sameSizeRequired(operation, first, second);
    }
  }

  /** Returns the number of rows of width {@code width} in {@code tensor}. */
  static int rows(String operation, Tensor tensor, int width) {
    if (width <= 0 || tensor.size() % width != 0) {
      throw ComputeErrors.notDivisible(operation, tensor, width);
    }
    return tensor.size() / width;
  }

  static void indices(String operation, int[] ids, int limit) {
    for (int n = 0; n < ids.length; n++) {
      if (ids[n] < 0 || ids[n] >= limit) {
        throw ComputeErrors.indexOutOfRange(operation, n, ids[n], limit);
      }
    }
  }

  static void rate(double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw ComputeErrors.invalidRate(rate);
    }
  }

  /** Checks that the last entry of a batched operand fits its tensor. */
  static void batched(String operation, String operand, BatchedOperand view, int outer,
      int inner, int rows, int cols) {
    if (outer == 0 || inner == 0 || rows == 0 || cols == 0) {
      return;
    }
    long last = (long) view.offset() + (long) (outer - 1) * view.outerStride()
        + (long) (inner - 1) * view.innerStride() + (long) (rows - 1) * view.leadingDim() + cols;
    atLeast(operation, operand, view.tensor(), last);
  }

  // ---- Checks of whole operations; each returns the size that the kernel loops over ----

  static void matmul(String operation, boolean transA, boolean transB, int m, int n, int k,
      BatchedOperand a, BatchedOperand b, BatchedOperand c, int outer, int inner) {
    batched(operation, "a", a, outer, inner, transA ? k : m, transA ? m : k);
    batched(operation, "b", b, outer, inner, transB ? n : k, transB ? k : n);
    batched(operation, "c", c, outer, inner, m, n);
  }

  static void writeCachePosition(Tensor x, Tensor cache, int rows, int heads, int capacity,
      int headDim, int position) {
    if (position < 0 || position >= capacity) {
      throw ComputeErrors.cachePositionOutOfRange(position, capacity);
    }
    atLeast("writeCachePosition", "x", x, (long) rows * heads * headDim);
    atLeast("writeCachePosition", "cache", cache, (long) rows * heads * capacity * headDim);
  }

  static void gatherCacheRows(Tensor cache, int[] rows, Tensor out, int heads, int capacity,
      int length, int headDim) {
    if (length < 0 || length > capacity) {
      throw ComputeErrors.cachePositionOutOfRange(length, capacity + 1);
    }
    if (cache == out) {
      throw ComputeErrors.sameTensor("gatherCacheRows");
    }
    long rowSize = (long) heads * capacity * headDim;
    indices("gatherCacheRows", rows, (int) (cache.size() / Math.max(rowSize, 1)));
    atLeast("gatherCacheRows", "out", out, rows.length * rowSize);
  }

  /** Returns the number of panels per matrix. */
  static int packPanels(int count, int rows, int columns, int panelWidth, Tensor source,
      Tensor target) {
    int panels = (columns + panelWidth - 1) / panelWidth;
    atLeast("packPanels", "source", source, (long) count * rows * columns);
    atLeast("packPanels", "target", target, (long) count * panels * rows * panelWidth);
    return panels;
  }

  /** Returns the number of panels of each b. */
  static int batchedMatmulPanels(int outer, int inner, int m, int n, int k, int panelWidth,
      BatchedOperand a, BatchedOperand b, BatchedOperand c) {
    int panels = (n + panelWidth - 1) / panelWidth;
    batched("batchedMatmulPanels", "a", a, outer, inner, m, k);
    batched("batchedMatmulPanels", "c", c, outer, inner, m, n);
    if (outer > 0 && inner > 0 && k > 0 && n > 0) {
      atLeast("batchedMatmulPanels", "b", b.tensor(),
          (long) b.start(outer - 1, inner - 1) + (long) panels * k * panelWidth);
    }
    return panels;
  }

  static void packedMatmul(int m, Tensor x, PackedWeight weight, Tensor y) {
    atLeast("matmul", "x", x, (long) m * weight.columns());
    atLeast("matmul", "y", y, (long) m * weight.rows());
  }

  static void gatedGelu(Tensor gate, Tensor linear, Tensor out) {
    sameSize("gatedGelu", gate, linear);
    sameSize("gatedGelu", gate, out);
  }

  static void gatedGeluBackward(Tensor gate, Tensor linear, Tensor dOut, Tensor dGate,
      Tensor dLinear) {
    sameSize("gatedGeluBackward", gate, linear);
    sameSize("gatedGeluBackward", gate, dOut);
    sameSize("gatedGeluBackward", gate, dGate);
    sameSize("gatedGeluBackward", gate, dLinear);
  }

  /** Returns the number of rows N. */
  static int rmsNorm(Tensor x, Tensor weight, Tensor out, Tensor inverseRms) {
    int rows = rows("rmsNorm", x, weight.size());
    sameSize("rmsNorm", x, out);
    atLeast("rmsNorm", "inverseRms", inverseRms, rows);
    return rows;
  }

  /** Returns the number of rows N. */
  static int rmsNormBackward(Tensor dOut, Tensor x, Tensor weight, Tensor inverseRms,
      Tensor dx, Tensor dWeight) {
    int rows = rows("rmsNormBackward", x, weight.size());
    sameSize("rmsNormBackward", x, dOut);
    sameSize("rmsNormBackward", x, dx);
    sameSize("rmsNormBackward", weight, dWeight);
    atLeast("rmsNormBackward", "inverseRms", inverseRms, rows);
    return rows;
  }

  /** Returns the row width W of a gather or scatter of {@code ids.length} rows. */
  static int rowsById(String operation, Tensor table, int[] ids, Tensor rows) {
    int width = rows.size() / Math.max(ids.length, 1);
    int vocab = rows(operation, table, width);
    atLeast(operation, "rows", rows, (long) ids.length * width);
    indices(operation, ids, vocab);
    return width;
  }

  static void permuteHeads(String operation, Tensor x, Tensor out, int batch, int length,
      int heads, int headDim) {
    long size = (long) batch * length * heads * headDim;
    atLeast(operation, "x", x, size);
    atLeast(operation, "out", out, size);
  }

  static void attentionSoftmax(Tensor scores, int batch, int heads, int queries, int keys,
      Tensor positionBias, AttentionMask mask) {
    atLeast("attentionSoftmax", "scores", scores, (long) batch * heads * queries * keys);
    if (positionBias != null) {
      atLeast("attentionSoftmax", "positionBias", positionBias, (long) heads * queries * keys);
    }
    if (mask.keyPadding() != null) {
      if (mask.keyPaddingStride() < keys
          || mask.keyPadding().length < (long) batch * mask.keyPaddingStride()) {
        throw ComputeErrors.sizeMismatch("attentionSoftmax", "keyPadding",
            (long) batch * Math.max(keys, mask.keyPaddingStride()), mask.keyPadding().length);
      }
    }
  }

  /** Returns the number of rows N. */
  static int softmaxBackward(Tensor probs, Tensor gradient, int width) {
    int rows = rows("softmaxBackward", gradient, width);
    atLeast("softmaxBackward", "probs", probs, gradient.size());
    return rows;
  }

  /** Returns the number of heads H, the last dimension of the table. */
  static int positionBias(Tensor table, int[] buckets, Tensor out) {
    int heads = table.dim(table.rank() - 1);
    indices("positionBias", buckets, table.size() / heads);
    atLeast("positionBias", "out", out, (long) heads * buckets.length);
    return heads;
  }

  /** Returns the number of heads H, the last dimension of the table. */
  static int positionBiasBackward(Tensor dScores, int batch, int[] buckets, Tensor dTable) {
    int heads = dTable.dim(dTable.rank() - 1);
    indices("positionBiasBackward", buckets, dTable.size() / heads);
    atLeast("positionBiasBackward", "dScores", dScores, (long) batch * heads * buckets.length);
    return heads;
  }

  /** Returns the number of rows N. */
  static int logSumExp(Tensor x, int width, Tensor out) {
    int rows = rows("logSumExp", x, width);
    atLeast("logSumExp", "out", out, rows);
    return rows;
  }

  /** Returns the vocabulary size V, the width of a row of logits. */
  static int crossEntropy(Tensor logits, int[] targets, Tensor dLogits) {
    int vocab = logits.size() / Math.max(targets.length, 1);
    rows("crossEntropy", logits, vocab);
    if (dLogits != null) {
      sameSize("crossEntropy", logits, dLogits);
    }
    for (int n = 0; n < targets.length; n++) {
      if (targets[n] >= vocab) {
        throw ComputeErrors.indexOutOfRange("crossEntropy", n, targets[n], vocab);
      }
    }
    return vocab;
  }
}
