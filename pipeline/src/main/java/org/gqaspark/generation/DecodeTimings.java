package org.gqaspark.generation;

/**
 * Wall time of one {@link Generator#generate} call, split as grouped-query attention
 * affects it: the encoder pass does not change with the number of key/value heads, the
 * decoder steps do.
 *
 * @param encoderNanos the encoder pass, the projection of every decoder layer's
 *     cross-attention keys and values, and the allocation of the self-attention caches
 * @param decoderNanos all decoder steps, with the search's own work on the host
 * @param steps decoder steps run
 */
public record DecodeTimings(long encoderNanos, long decoderNanos, int steps) {

  public double encoderSeconds() {
    return encoderNanos * 1e-9;
  }

  public double decoderSeconds() {
    return decoderNanos * 1e-9;
  }

  public double totalSeconds() {
    return (encoderNanos + decoderNanos) * 1e-9;
  }
}
