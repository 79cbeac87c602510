package org.gqaspark.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Expected values from NumPy 2.4.6's {@code PCG64} and {@code default_rng}. */
class NumpyPcg64RandomTest {

  private static int[] draws(long seed, int bound, int count) {
    NumpyPcg64Random random = new NumpyPcg64Random(seed);
    return IntStream.range(0, count).map(i -> random.nextInt(bound)).toArray();
  }

  @Test
  void rawOutputEqualsNumpy() {
    // np.random.PCG64(12345).random_raw(3)
    NumpyPcg64Random random = new NumpyPcg64Random(12345);
    assertArrayEquals(new long[] {0x3a32b18db2ffc19dL, 0x51171315c9e4c4deL, 0xcc2024823444efd9L},
        new long[] {random.nextLong(), random.nextLong(), random.nextLong()});
  }

  @Test
  void choiceEqualsNumpy() {
    // np.random.default_rng(12345).choice(7, size=(2, 7)), row by row
    assertArrayEquals(new int[] {4, 1, 5, 2, 1, 5, 4, 4, 6, 2, 5, 2, 3, 4}, draws(12345, 7, 14));
    // np.random.default_rng(12345).choice(1000, size=(1, 6))
    assertArrayEquals(new int[] {699, 227, 788, 316, 204, 797}, draws(12345, 1000, 6));
  }

  @Test
  void seedsAtTheEndsEqualNumpy() {
    // np.random.default_rng(0).choice(11490, size=(1, 5))
    assertArrayEquals(new int[] {9773, 7318, 5872, 3099, 3536}, draws(0, 11490, 5));
    // np.random.default_rng(2**32 - 1).choice(3, size=(1, 8))
    assertArrayEquals(new int[] {0, 0, 2, 0, 2, 0, 0, 1}, draws(4294967295L, 3, 8));
  }
}
