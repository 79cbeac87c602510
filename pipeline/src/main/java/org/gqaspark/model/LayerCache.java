package org.gqaspark.model;

import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.Tensor;

/**
 * The self-attention keys and values of one decoder layer during decoding, head-major
 * [R, H_kv, capacity, d_kv], so that the cached positions of one key/value head of one row
 * are contiguous and a step reads them in one stream. Reordering (beam search) gathers rows
 * into a second pair of buffers and swaps, instead of copying rows in place.
 *
 * <p>Dimensions: R decoder rows (source rows times beams), H_kv key/value heads, capacity
 * the maximum number of positions, d_kv head width.
 */
final class LayerCache {

  private final int rows; // R
  private final int keyValueHeads; // H_kv
  private final int capacity;
  private final int headDim; // d_kv
  private Tensor keys; // [R, H_kv, capacity, d_kv]
  private Tensor values; // [R, H_kv, capacity, d_kv]
  private Tensor spareKeys; // [R, H_kv, capacity, d_kv], the target of the next reorder
  private Tensor spareValues; // [R, H_kv, capacity, d_kv]

  LayerCache(Compute compute, int rows, int keyValueHeads, int capacity, int headDim) {
    this.rows = rows;
    this.keyValueHeads = keyValueHeads;
    this.capacity = capacity;
    this.headDim = headDim;
    this.keys = compute.zeros(rows, keyValueHeads, capacity, headDim);
    this.values = compute.zeros(rows, keyValueHeads, capacity, headDim);
  }

  int rows() {
    return rows;
  }

  int capacity() {
    return capacity;
  }

  Tensor keys() {
    return keys;
  }

  Tensor values() {
    return values;
  }

  /** Keys and values of positions 0 .. length - 1, in the layout the attention core reads. */
  KeyValues keyValues(int length) {
    return KeyValues.headMajor(keys, values, length, capacity, keyValueHeads, headDim);
  }

  /**
   * Makes row r continue the cached positions of row {@code parents[r]}: copies the first
   * {@code length} positions of each selected row into the spare buffers, then swaps.
   */
  void reorder(Compute compute, int[] parents, int length) {
    if (spareKeys == null) {
      spareKeys = compute.zeros(rows, keyValueHeads, capacity, headDim);
      spareValues = compute.zeros(rows, keyValueHeads, capacity, headDim);
    }
    compute.gatherCacheRows(keys, parents, spareKeys, keyValueHeads, capacity, length, headDim);
    compute.gatherCacheRows(values, parents, spareValues, keyValueHeads, capacity, length,
        headDim);
    Tensor oldKeys = keys;
    Tensor oldValues = values;
    keys = spareKeys;
    values = spareValues;
    spareKeys = oldKeys;
    spareValues = oldValues;
  }
}
