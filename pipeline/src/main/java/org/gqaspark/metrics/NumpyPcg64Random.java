package org.gqaspark.metrics;

/**
 * The random stream of NumPy's {@code np.random.default_rng(seed)} for
 * {@code choice(n, size)} with replacement, so that bootstrap resampling draws the same
 * segment indexes as sacreBLEU 2.6.0's confidence intervals, which call
 * {@code default_rng(seed).choice(segments, size=(samples, segments))}.
 *
 * <p>Three published pieces make the stream: NumPy's {@code SeedSequence} hash (pool of four
 * 32-bit words), the PCG64 generator (O'Neill, 2014: 128-bit linear congruential state with
 * the XSL-RR output function), and Lemire's (2019) bounded integers on 32-bit draws, where a
 * 64-bit output gives its low half first and its high half next. Checked against NumPy 2.4
 * in this package's tests.
 */
final class NumpyPcg64Random {

  private static final int INIT_A = 0x43b0d7e5;
  private static final int MULT_A = 0x931e8875;
  private static final int INIT_B = 0x8b51f9dd;
  private static final int MULT_B = 0x58f38ded;
  private static final int MIX_MULT_L = 0xca01f9dd;
  private static final int MIX_MULT_R = 0x4973f715;
  private static final int POOL_SIZE = 4;

  /** PCG's default 128-bit multiplier, high and low 64 bits. */
  private static final long MULTIPLIER_HIGH = 2549297995355413924L;
  private static final long MULTIPLIER_LOW = 4865540595714422341L;

  private long stateHigh;
  private long stateLow;
  private final long incrementHigh;
  private final long incrementLow;
  private boolean hasBufferedHalf;
  private int bufferedHalf;

  /** Seeds as {@code np.random.default_rng(seed)}; the seed must be in [0, 2^32). */
  NumpyPcg64Random(long seed) {
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw MetricErrors.invalidOption("seed", seed, "in [0, 2^32 - 1]");
    }
    long[] words = seedWords(seedPool((int) seed));
    long sequenceHigh = words[2];
    long sequenceLow = words[3];
    incrementHigh = (sequenceHigh << 1) | (sequenceLow >>> 63);
    incrementLow = (sequenceLow << 1) | 1;
    step();
    long low = stateLow + words[1];
    stateHigh = stateHigh + words[0] + (Long.compareUnsigned(low, stateLow) < 0 ? 1 : 0);
    stateLow = low;
    step();
  }

  /** Returns SeedSequence's entropy pool for a one-word seed. */
  private static int[] seedPool(int entropy) {
    int[] hashConstant = {INIT_A};
    int[] pool = new int[POOL_SIZE];
    pool[0] = hashMix(entropy, hashConstant);
    for (int i = 1; i < POOL_SIZE; i++) {
      pool[i] = hashMix(0, hashConstant);
    }
    for (int source = 0; source < POOL_SIZE; source++) {
      for (int target = 0; target < POOL_SIZE; target++) {
        if (source != target) {
          pool[target] = mix(pool[target], hashMix(pool[source], hashConstant));
        }
      }
    }
    return pool;
  }

  private static int hashMix(int value, int[] hashConstant) {
    int mixed = value ^ hashConstant[0];
    hashConstant[0] *= MULT_A;
    mixed *= hashConstant[0];
    return mixed ^ (mixed >>> 16);
  }

  private static int mix(int x, int y) {
    int result = MIX_MULT_L * x - MIX_MULT_R * y;
    return result ^ (result >>> 16);
  }

  /** Returns SeedSequence's {@code generate_state(4, np.uint64)}. */
  private static long[] seedWords(int[] pool) {
    int hashConstant = INIT_B;
    long[] words = new long[4];
    for (int i = 0; i < 2 * words.length; i++) {
      int value = pool[i % POOL_SIZE] ^ hashConstant;
      hashConstant *= MULT_B;
      value *= hashConstant;
      value ^= value >>> 16;
      words[i / 2] |= Integer.toUnsignedLong(value) << (32 * (i % 2));
    }
    return words;
  }

  /** Advances the state: state * multiplier + increment, modulo 2^128. */
  private void step() {
    long low = stateLow * MULTIPLIER_LOW;
    long high = unsignedMultiplyHigh(stateLow, MULTIPLIER_LOW) + stateLow * MULTIPLIER_HIGH
        + stateHigh * MULTIPLIER_LOW;
    long sumLow = low + incrementLow;
    stateHigh = high + incrementHigh + (Long.compareUnsigned(sumLow, low) < 0 ? 1 : 0);
    stateLow = sumLow;
  }

  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  /** Returns the next 64-bit output: XSL-RR of the advanced state. */
  long nextLong() {
    step();
    return Long.rotateRight(stateHigh ^ stateLow, (int) (stateHigh >>> 58));
  }

  /** Returns the next 32 bits: the low half of a 64-bit output, then its high half. */
  int nextInt32() {
    if (hasBufferedHalf) {
      hasBufferedHalf = false;
      return bufferedHalf;
    }
    long next = nextLong();
    hasBufferedHalf = true;
    bufferedHalf = (int) (next >>> 32);
    return (int) next;
  }

  /** Returns a uniform integer in [0, bound), as {@code Generator.integers(0, bound)}. */
  int nextInt(int bound) {
    if (bound <= 0) {
      throw MetricErrors.invalidOption("bound", bound, "positive");
    }
    if (bound == 1) {
      return 0;
    }
    long product = Integer.toUnsignedLong(nextInt32()) * bound;
    long leftover = product & 0xFFFFFFFFL;
    if (leftover < bound) {
      long threshold = (0xFFFFFFFFL - (bound - 1)) % bound;
      while (leftover < threshold) {
        product = Integer.toUnsignedLong(nextInt32()) * bound;
        leftover = product & 0xFFFFFFFFL;
      }
    }
    return (int) (product >>> 32);
  }
}
