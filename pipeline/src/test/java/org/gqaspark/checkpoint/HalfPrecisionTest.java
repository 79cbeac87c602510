package org.gqaspark.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HalfPrecisionTest {

  private static float f16(int bits) {
    return HalfPrecision.f16ToFloat((short) bits);
  }

  private static float bf16(int bits) {
    return HalfPrecision.bf16ToFloat((short) bits);
  }

  private static int toBf16(float value) {
    return HalfPrecision.floatToBf16(value) & 0xffff;
  }

  @Test
  void f16NormalValues() {
    assertEquals(1.0f, f16(0x3C00));
    assertEquals(-2.0f, f16(0xC000));
    assertEquals(65504.0f, f16(0x7BFF));
    assertEquals(0x1.0p-14f, f16(0x0400));
    // 0x3555: exponent 13, fraction 0x155 = 341, so 2^-2 * (1 + 341/1024).
    assertEquals(0.333251953125f, f16(0x3555));
  }

  @Test
  void f16Subnormals() {
    assertEquals(0x1.0p-24f, f16(0x0001));
    assertEquals(1023 * 0x1.0p-24f, f16(0x03FF));
    assertEquals(-3 * 0x1.0p-24f, f16(0x8003));
  }

  @Test
  void f16Zeros() {
    assertEquals(Float.floatToRawIntBits(0.0f), Float.floatToRawIntBits(f16(0x0000)));
    assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(f16(0x8000)));
  }

  @Test
  void f16InfinityAndNan() {
    assertEquals(Float.POSITIVE_INFINITY, f16(0x7C00));
    assertEquals(Float.NEGATIVE_INFINITY, f16(0xFC00));
    assertTrue(Float.isNaN(f16(0x7E00)));
    assertTrue(Float.isNaN(f16(0x7C01)));
    // The payload moves to the top of the binary32 fraction.
    assertEquals(0x7F802000, Float.floatToRawIntBits(f16(0x7C01)));
  }

  /** Every one of the 65536 patterns against the IEEE binary16 formula in double. */
  @Test
  void f16AllPatternsMatchFormula() {
    for (int bits = 0; bits < 0x10000; bits++) {
      int sign = bits >>> 15;
      int exponent = (bits >>> 10) & 0x1f;
      int fraction = bits & 0x3ff;
      if (exponent == 0x1f) {
        continue;
      }
      double magnitude = exponent == 0
          ? fraction * Math.pow(2, -24)
          : (1 + fraction / 1024.0) * Math.pow(2, exponent - 15);
      double expected = sign == 1 ? -magnitude : magnitude;
      assertEquals((float) expected, f16(bits), "pattern 0x" + Integer.toHexString(bits));
    }
  }

  @Test
  void bf16DecodesUpperHalf() {
    assertEquals(1.0f, bf16(0x3F80));
    assertEquals(-2.0f, bf16(0xC000));
    assertEquals(1.0078125f, bf16(0x3F81));
    assertEquals(0x1.0p-133f, bf16(0x0001));
    assertEquals(Float.POSITIVE_INFINITY, bf16(0x7F80));
    assertEquals(Float.NEGATIVE_INFINITY, bf16(0xFF80));
    assertTrue(Float.isNaN(bf16(0x7FC0)));
    assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(bf16(0x8000)));
  }

  @Test
  void bf16EncodesExactValues() {
    assertEquals(0x3F80, toBf16(1.0f));
    assertEquals(0xC000, toBf16(-2.0f));
    assertEquals(0x8000, toBf16(-0.0f));
    assertEquals(0x7F80, toBf16(Float.POSITIVE_INFINITY));
    assertEquals(0xFF80, toBf16(Float.NEGATIVE_INFINITY));
  }

  @Test
  void bf16RoundsToNearestEven() {
    // 1 + 2^-8 lies halfway between 1 (even fraction) and 1 + 2^-7: it rounds down.
    assertEquals(0x3F80, toBf16(1.0f + 0x1.0p-8f));
    // 1 + 3 * 2^-8 lies halfway between 1 + 2^-7 (odd) and 1 + 2^-6 (even): it rounds up.
    assertEquals(0x3F82, toBf16(1.0f + 3 * 0x1.0p-8f));
    // Just above the halfway point rounds up.
    assertEquals(0x3F81, toBf16(1.0f + 0x1.0p-8f + 0x1.0p-20f));
  }

  @Test
  void bf16OverflowsToInfinity() {
    assertEquals(0x7F80, toBf16(Float.MAX_VALUE));
  }

  @Test
  void bf16KeepsNan() {
    assertTrue(Float.isNaN(bf16(toBf16(Float.NaN))));
    // A NaN whose payload sits only in the low 16 bits would otherwise become infinity.
    assertTrue(Float.isNaN(bf16(toBf16(Float.intBitsToFloat(0x7F800001)))));
  }
}
