package org.gqaspark.model.compute;

/**
 * One operand of a batched matrix product: a row-major matrix inside {@code tensor} for
 * each batch entry (o, i), with o in [0, outer) and i in [0, inner), starting at
 * {@code offset + o * outerStride + i * innerStride}, rows {@code leadingDim} elements apart.
 *
 * <p>Two batch levels let attention address K and V in their projection layout
 * [B, T_k, H_kv * d_kv] (o = batch row, i = key/value head, innerStride = d_kv) without
 * copying them into a head-major layout first.
 */
public record BatchedOperand(Tensor tensor, int offset, int leadingDim, int outerStride,
    int innerStride) {

  public BatchedOperand {
    if (offset < 0 || leadingDim < 1 || outerStride < 0 || innerStride < 0) {
      throw ComputeErrors.invalidOperand(offset, leadingDim, outerStride, innerStride);
    }
  }

  /** Start of the matrix of batch entry (o, i). */
  public int start(int o, int i) {
    return offset + o * outerStride + i * innerStride;
  }
}
