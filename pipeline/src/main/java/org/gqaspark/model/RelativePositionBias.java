package org.gqaspark.model;

import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.Tensor;

/**
 * T5's relative position bias: a learned scalar per (bucket of key position minus query
 * position, head), added to the attention logits. Block 0 of each stack owns the table
 * [buckets, H] and every block of that stack adds the same bias. The encoder's buckets are
 * bidirectional; the decoder's only look back.
 */
final class RelativePositionBias {

  /** The bias of one forward pass and what its backward needs. */
  record PositionBias(Tensor values, int[] buckets, int queries, int keys) {}

  private final Compute compute;
  private final Parameter table; // [buckets, H]
  private final boolean bidirectional;
  private final int numBuckets;
  private final int maxDistance;

  RelativePositionBias(Compute compute, Parameter table, boolean bidirectional, int numBuckets,
      int maxDistance) {
    this.compute = compute;
    this.table = table;
    this.bidirectional = bidirectional;
    this.numBuckets = numBuckets;
    this.maxDistance = maxDistance;
  }

  /**
   * Bucket of a relative position (key position minus query position), as Hugging Face's
   * {@code T5Attention._relative_position_bucket}: half the buckets (per direction when
   * bidirectional) are exact distances, the rest grow logarithmically up to
   * {@code maxDistance}. The logarithm is taken in float32, as PyTorch does, because
   * distances at powers of two land exactly on bucket boundaries.
   */
  static int bucket(int relativePosition, boolean bidirectional, int numBuckets,
      int maxDistance) {
    int buckets = numBuckets;
    int result = 0;
    int distance;
    if (bidirectional) {
      buckets /= 2;
      if (relativePosition > 0) {
        result += buckets;
      }
      distance = Math.abs(relativePosition);
    } else {
      distance = -Math.min(relativePosition, 0);
    }
    int maxExact = buckets / 2;
    if (distance < maxExact) {
      return result + distance;
    }
    float ratio = (float) distance / maxExact;
    float logRatio = (float) Math.log(ratio);
    float logRange = (float) Math.log((double) maxDistance / maxExact);
    float scaled = logRatio / logRange * (buckets - maxExact);
    int large = maxExact + (int) scaled;
    return result + Math.min(large, buckets - 1);
  }

  /**
   * Computes the bias [H, T_q, T_k] for queries at positions queryOffset .. queryOffset +
   * T_q - 1 and keys at 0 .. T_k - 1.
   */
  PositionBias forward(int queries, int keys, int queryOffset) {
    int[] buckets = new int[queries * keys];
    for (int q = 0; q < queries; q++) {
      for (int k = 0; k < keys; k++) {
        buckets[q * keys + k] =
            bucket(k - (q + queryOffset), bidirectional, numBuckets, maxDistance);
      }
    }
    int heads = table.spec().shape()[1];
    Tensor values = compute.zeros(heads, queries, keys);
    compute.positionBias(table.value(), buckets, values);
    return new PositionBias(values, buckets, queries, keys);
  }

  /**
   * Backward of bias[h, q, k] = table[bucket(q, k), h] for a bias added to scores of B
   * batch rows: table gradient[bucket, h] += sum over b, q, k in that bucket of dScores.
   */
  void backward(PositionBias bias, Tensor dScores, int batch) {
    compute.positionBiasBackward(dScores, batch, bias.buckets(), table.gradient());
  }
}
