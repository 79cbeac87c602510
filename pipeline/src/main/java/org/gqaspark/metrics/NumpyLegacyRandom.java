package org.gqaspark.metrics;

/**
 * The random stream of NumPy's legacy global generator ({@code np.random.seed(s)} then
 * {@code np.random.choice} or {@code np.random.randint}), so that bootstrap resampling draws
 * the same indices as rouge-score 0.1.2's {@code BootstrapAggregator} under the same seed.
 *
 * <p>The generator is MT19937 (Matsumoto and Nishimura, 1998) seeded with the scalar
 * {@code init_genrand} recurrence, as NumPy's legacy seeding does for an integer seed. Bounded
 * integers in [0, n) use NumPy's legacy masked rejection: draw 32 bits, keep the bits of the
 * smallest all-ones mask that covers n - 1, and draw again while the value exceeds n - 1.
 * Checked against NumPy 2.4 ({@code RandomState}) in this package's tests.
 */
final class NumpyLegacyRandom {

  private static final int STATE_SIZE = 624;
  private static final int SHIFT = 397;
  private static final int MATRIX_A = 0x9908B0DF;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7FFFFFFF;

  private final int[] state = new int[STATE_SIZE];
  private int position;

  /** Seeds as {@code np.random.seed(seed)}; the seed must be in [0, 2^32). */
  NumpyLegacyRandom(long seed) {
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw MetricErrors.invalidOption("seed", seed, "in [0, 2^32 - 1] as NumPy requires");
    }
    state[0] = (int) seed;
    for (int i = 1; i < STATE_SIZE; i++) {
      int previous = state[i - 1];
      state[i] = 1812433253 * (previous ^ (previous >>> 30)) + i;
    }
    position = STATE_SIZE;
  }

  /** Returns the next 32 random bits, as MT19937's {@code genrand_int32}. */
  int nextInt32() {
    if (position >= STATE_SIZE) {
      regenerate();
    }
    int value = state[position++];
    value ^= value >>> 11;
    value ^= (value << 7) & 0x9D2C5680;
    value ^= (value << 15) & 0xEFC60000;
    value ^= value >>> 18;
    return value;
  }

  private void regenerate() {
    for (int i = 0; i < STATE_SIZE; i++) {
      int bits = (state[i] & UPPER_MASK) | (state[(i + 1) % STATE_SIZE] & LOWER_MASK);
      int next = state[(i + SHIFT) % STATE_SIZE] ^ (bits >>> 1);
      state[i] = (bits & 1) == 0 ? next : next ^ MATRIX_A;
    }
    position = 0;
  }

  /** Returns a uniform integer in [0, bound), as {@code np.random.randint(0, bound)}. */
  int nextInt(int bound) {
    if (bound <= 0) {
      throw MetricErrors.invalidOption("bound", bound, "positive");
    }
    long range = bound - 1L;
    if (range == 0) {
      return 0;
    }
    long mask = range;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    long value;
    do {
      value = Integer.toUnsignedLong(nextInt32()) & mask;
    } while (value > range);
    return (int) value;
  }

  /** Returns {@code size} indices in [0, n), as {@code np.random.choice(np.arange(n), size)}. */
  int[] choice(int n, int size) {
    int[] indices = new int[size];
    for (int i = 0; i < size; i++) {
      indices[i] = nextInt(n);
    }
    return indices;
  }
}
