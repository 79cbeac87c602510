package org.gqaspark.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Expected values from NumPy 2.4.6: {@code np.random.seed(123)} and the calls named below. */
class NumpyLegacyRandomTest {

  @Test
  void randintEqualsNumpy() {
    NumpyLegacyRandom random = new NumpyLegacyRandom(123);
    // np.random.randint(0, 5, size=8)
    assertArrayEquals(new int[] {2, 4, 2, 1, 3, 2, 3, 1}, random.choice(5, 8));
  }

  @Test
  void choiceContinuesTheStream() {
    NumpyLegacyRandom random = new NumpyLegacyRandom(123);
    random.choice(5, 8);
    // then np.random.choice(np.arange(3), size=6) and np.random.randint(0, 1000, size=4)
    assertArrayEquals(new int[] {2, 1, 0, 1, 2, 1}, random.choice(3, 6));
    assertArrayEquals(new int[] {544, 942, 224, 111}, random.choice(1000, 4));
  }

  @Test
  void largestSeedEqualsNumpy() {
    // np.random.RandomState(4294967295).randint(0, 2**31 - 1, size=3)
    NumpyLegacyRandom random = new NumpyLegacyRandom(4294967295L);
    assertArrayEquals(new int[] {419326371, 479346978, 1771170828},
        random.choice(Integer.MAX_VALUE, 3));
  }
}
