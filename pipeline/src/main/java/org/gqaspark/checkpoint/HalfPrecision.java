package org.gqaspark.checkpoint;

/**
 * Exact conversions between 32-bit floats and the two 16-bit float formats of
 * checkpoints. Java 17 has no {@code Float.float16ToFloat}, so both are written out here.
 *
 * <p>BF16 (bfloat16) is the upper half of an IEEE binary32: 1 sign, 8 exponent and 7
 * fraction bits. F16 is IEEE binary16: 1 sign, 5 exponent bits with bias 15 and 10 fraction
 * bits, subnormals below 2^-14, infinities and NaN at exponent 31.
 */
public final class HalfPrecision {

  private HalfPrecision() {}

  /** Decodes a bfloat16 bit pattern. Every bfloat16 value, NaN payloads included, is exact. */
  public static float bf16ToFloat(short bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }

  /**
   * Encodes a float as bfloat16, rounding to the nearest value with ties to even, as
   * PyTorch's {@code tensor.to(torch.bfloat16)} does. Values past the largest bfloat16
   * round to infinity; NaN stays NaN (quiet, with the sign and upper payload bits kept).
   */
  public static short floatToBf16(float value) {
    int bits = Float.floatToRawIntBits(value);
    if (Float.isNaN(value)) {
      return (short) ((bits >>> 16) | 0x0040);
    }
    int lsb = (bits >>> 16) & 1;
    int rounded = bits + 0x7fff + lsb;
    return (short) (rounded >>> 16);
  }

  /** Decodes an IEEE binary16 bit pattern exactly, subnormals, infinities and NaN included. */
  public static float f16ToFloat(short bits) {
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int fraction = bits & 0x3ff;

    if (exponent == 0) {
      // Zero or subnormal: fraction * 2^-24, exact in binary32, which has 23 fraction bits
      // and reaches far below 2^-24.
      float magnitude = Math.scalb((float) fraction, -24);
      return sign == 0 ? magnitude : -magnitude;
    }
    if (exponent == 0x1f) {
      // Infinity when the fraction is zero, otherwise NaN with the payload kept.
      return Float.intBitsToFloat(sign | 0x7f800000 | (fraction << 13));
    }
    int rebiased = exponent - 15 + 127;
    return Float.intBitsToFloat(sign | (rebiased << 23) | (fraction << 13));
  }
}
