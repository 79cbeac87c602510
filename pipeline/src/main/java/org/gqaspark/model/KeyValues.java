package org.gqaspark.model;

import org.gqaspark.model.compute.BatchedOperand;
import org.gqaspark.model.compute.Tensor;

/**
 * Keys and values of one attention layer for B batch rows, H_kv heads of width d_kv and
 * {@code length} positions, with explicit strides so that one attention core reads both
 * the projections of a training step and a decoder's K/V cache.
 *
 * <p>Key j of head g in batch row b starts at {@code b * batchStride + g * headStride +
 * j * rowStride} in {@code keys}, and likewise in {@code values}.
 *
 * @param keys keys, for example [B, T_k, H_kv * d_kv] or a cache [B, H_kv, capacity, d_kv]
 * @param values values, same layout as keys
 * @param length T_k, the number of valid positions
 */
public record KeyValues(Tensor keys, Tensor values, int length, int rowStride,
    int batchStride, int headStride) {

  /**
   * Keys and values as the k and v projections write them: [B, T_k, H_kv * d_kv], the heads
   * of one position side by side.
   */
  public static KeyValues projected(Tensor keys, Tensor values, int length, int keyValueHeads,
      int headDim) {
    int rowStride = keyValueHeads * headDim;
    return new KeyValues(keys, values, length, rowStride, length * rowStride, headDim);
  }

  /**
   * Keys and values of a cache [B, H_kv, capacity, d_kv], of which the first {@code length}
   * positions of each head are valid.
   */
  public static KeyValues headMajor(Tensor keys, Tensor values, int length, int capacity,
      int keyValueHeads, int headDim) {
    return new KeyValues(keys, values, length, headDim, keyValueHeads * capacity * headDim,
        capacity * headDim);
  }

  /** Returns the same layout over other tensors, for example the gradients of K and V. */
  public KeyValues withTensors(Tensor otherKeys, Tensor otherValues) {
    return new KeyValues(otherKeys, otherValues, length, rowStride, batchStride, headStride);
  }

  BatchedOperand keyOperand() {
    return new BatchedOperand(keys, 0, rowStride, batchStride, headStride);
  }

  BatchedOperand valueOperand() {
    return new BatchedOperand(values, 0, rowStride, batchStride, headStride);
  }
}
