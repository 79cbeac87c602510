package org.gqaspark.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

/** Seeded inputs and element-by-element comparison for the float kernel tests. */
final class KernelChecks {

  /** Lengths around the vector width (16 floats on AVX-512, 8 on AVX2) and odd sizes. */
  static final int[] LENGTHS = {0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 63, 64, 65, 127, 513};

  /** Offset of every slice into its array, so kernels that ignore offsets fail. */
  static final int OFFSET = 3;

  private KernelChecks() {}

  /** An array of OFFSET + length + 2 values in [-scale, scale) from a generator seeded by salt. */
  static float[] random(int length, float scale, long salt) {
    Random random = new Random(1000L * length + salt);
    float[] values = new float[OFFSET + length + 2];
    for (int i = 0; i < values.length; i++) {
      values[i] = scale * (2 * random.nextFloat() - 1);
    }
    return values;
  }

  /** Asserts every element, padding included, within a relative tolerance. */
  static void assertClose(float[] expected, float[] actual, double relative, String what) {
    assertEquals(expected.length, actual.length, what + ": array length");
    for (int i = 0; i < expected.length; i++) {
      double tolerance = relative * Math.max(1, Math.abs(expected[i]));
      assertEquals(expected[i], actual[i], tolerance, what + " at index " + i);
    }
  }
}
