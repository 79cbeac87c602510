package org.gqaspark.model;

import org.gqaspark.model.compute.BatchedOperand;
import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.Tensor;

/**
 * Keys and values of one attention layer for B batch rows, H_kv heads of width d_kv and
 * {@code length} positions, with explicit strides so that one attention core reads both
 * the projections of a training step and a decoder's K/V cache.
 *
 * <p>Value j of head g in batch row b starts at {@code b * batchStride + g * headStride +
 * j * rowStride} in {@code values}. Key j starts at {@code b * keyBatchStride + g *
 * keyHeadStride + j * rowStride} in {@code keys}, unless {@code keysInPanels}: then the keys
 * of head g of batch row b are K^T [d_kv, T_k] in the backend's panel layout (see
 * {@link Compute#panelWidth}), starting at {@code b * keyBatchStride + g * keyHeadStride}.
 * Panels let a decoding step multiply its stacked queries by the keys in one contiguous
 * stream per panel (see {@link #panelKeys}).
 *
 * @param keys keys, for example [B, T_k, H_kv * d_kv], a cache [B, H_kv, capacity, d_kv],
 *     or panels of K^T per head
 * @param values values, [B, T_k, H_kv * d_kv] or [B, H_kv, capacity, d_kv]
 * @param length T_k, the number of valid positions
 * @param keysInPanels whether the keys are K^T per head in the panel layout
 */
public record KeyValues(Tensor keys, Tensor values, int length, int rowStride,
    int batchStride, int headStride, boolean keysInPanels, int keyBatchStride,
    int keyHeadStride) {

  /**
   * Keys and values as the k and v projections write them: [B, T_k, H_kv * d_kv], the heads
   * of one position side by side.
   */
  public static KeyValues projected(Tensor keys, Tensor values, int length, int keyValueHeads,
      int headDim) {
    int rowStride = keyValueHeads * headDim;
    return new KeyValues(keys, values, length, rowStride, length * rowStride, headDim, false,
        length * rowStride, headDim);
  }

  /**
   * Keys and values of a cache [B, H_kv, capacity, d_kv], of which the first {@code length}
   * positions of each head are valid.
   */
  public static KeyValues headMajor(Tensor keys, Tensor values, int length, int capacity,
      int keyValueHeads, int headDim) {
    int batchStride = keyValueHeads * capacity * headDim;
    return new KeyValues(keys, values, length, headDim, batchStride, capacity * headDim,
        false, batchStride, capacity * headDim);
  }

  /**
   * Keys as K^T [d_kv, T_k] per (batch row, head) in the panel layout of
   * {@code panelWidth} columns, [B, H_kv, ceil(T_k / panelWidth), d_kv, panelWidth], and
   * values head-major [B, H_kv, T_k, d_kv]: the layout of cross-attention keys and values
   * during decoding.
   */
  public static KeyValues panelKeys(Tensor keys, Tensor values, int length, int keyValueHeads,
      int headDim, int panelWidth) {
    int panels = (length + panelWidth - 1) / panelWidth;
    int keyHeadStride = panels * headDim * panelWidth;
    return new KeyValues(keys, values, length, headDim, keyValueHeads * length * headDim,
        length * headDim, true, keyValueHeads * keyHeadStride, keyHeadStride);
  }

  /** Returns the same layout over other tensors, for example the gradients of K and V. */
  public KeyValues withTensors(Tensor otherKeys, Tensor otherValues) {
    return new KeyValues(otherKeys, otherValues, length, rowStride, batchStride, headStride,
        keysInPanels, keyBatchStride, keyHeadStride);
  }

  /**
   * Returns the keys of each (batch row, head): [T_k, d_kv] rows, or the first panel of
   * K^T, whose leading dimension is not used.
   */
  BatchedOperand keyOperand() {
    return new BatchedOperand(keys, 0, rowStride, keyBatchStride, keyHeadStride);
  }

  BatchedOperand valueOperand() {
    return new BatchedOperand(values, 0, rowStride, batchStride, headStride);
  }
}
