package org.gqaspark.model;

import org.gqaspark.model.compute.BatchedOperand;
import org.gqaspark.model.compute.Tensor;

/**
 * Keys and values of one attention layer for B batch rows, H_kv heads of width d_kv and
 * {@code length} positions, with explicit strides so that one attention core reads both
 * the projections of a training step and a decoder's K/V cache.
 *
 * <p>Value j of head g in batch row b starts at {@code b * batchStride + g * headStride +
 * j * rowStride} in {@code values}, and key j likewise in {@code keys}, unless
 * {@code keysTransposed}: then the keys of head g of batch row b form a [d_kv, T_k] matrix
 * at {@code b * batchStride + g * headStride}, with rows {@code headStride / rowStride}
 * apart. Transposed keys let a decoding step multiply its stacked queries by a matrix whose
 * rows are contiguous runs of positions (see {@link #transposedKeys}).
 *
 * @param keys keys, for example [B, T_k, H_kv * d_kv], a cache [B, H_kv, capacity, d_kv],
 *     or transposed [B, H_kv, d_kv, T_k]
 * @param values values, [B, T_k, H_kv * d_kv] or [B, H_kv, capacity, d_kv]
 * @param length T_k, the number of valid positions
 * @param keysTransposed whether the keys are stored [d_kv, positions] per head
 */
public record KeyValues(Tensor keys, Tensor values, int length, int rowStride,
    int batchStride, int headStride, boolean keysTransposed) {

  /**
   * Keys and values as the k and v projections write them: [B, T_k, H_kv * d_kv], the heads
   * of one position side by side.
   */
  public static KeyValues projected(Tensor keys, Tensor values, int length, int keyValueHeads,
      int headDim) {
    int rowStride = keyValueHeads * headDim;
    return new KeyValues(keys, values, length, rowStride, length * rowStride, headDim, false);
  }

  /**
   * Keys and values of a cache [B, H_kv, capacity, d_kv], of which the first {@code length}
   * positions of each head are valid.
   */
  public static KeyValues headMajor(Tensor keys, Tensor values, int length, int capacity,
      int keyValueHeads, int headDim) {
    return new KeyValues(keys, values, length, headDim, keyValueHeads * capacity * headDim,
        capacity * headDim, false);
  }

  /**
   * Keys transposed per head [B, H_kv, d_kv, T_k] and values head-major [B, H_kv, T_k, d_kv],
   * every position valid: the layout of cross-attention keys and values during decoding.
   */
  public static KeyValues transposedKeys(Tensor keys, Tensor values, int length,
      int keyValueHeads, int headDim) {
    return new KeyValues(keys, values, length, headDim, keyValueHeads * length * headDim,
        length * headDim, true);
  }

  /** Returns the same layout over other tensors, for example the gradients of K and V. */
  public KeyValues withTensors(Tensor otherKeys, Tensor otherValues) {
    return new KeyValues(otherKeys, otherValues, length, rowStride, batchStride, headStride,
        keysTransposed);
  }

  /** Returns the key matrix of each (batch row, head): [T_k, d_kv], or [d_kv, T_k]. */
  BatchedOperand keyOperand() {
    int leadingDim = keysTransposed ? headStride / rowStride : rowStride;
    return new BatchedOperand(keys, 0, leadingDim, batchStride, headStride);
  }

  BatchedOperand valueOperand() {
    return new BatchedOperand(values, 0, rowStride, batchStride, headStride);
  }
}
