package org.gqaspark.model.compute;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The keep/drop decision of inverted dropout as a pure function of (seed, element index),
 * like the counter-based generators that GPU frameworks use. Backward passes recompute the
 * mask instead of storing it, threads can evaluate any element independently, and every
 * {@link Compute} backend drops the same elements for the same seed.
 *
 * <p>An element is dropped when the top 24 bits of a 32-bit hash of (seed, index) fall
 * below {@code round(rate * 2^24)}, so the realised drop probability is the rate rounded to
 * a multiple of 2^-24. Kept elements are divided by the realised keep probability, which
 * keeps the expected value of every element unchanged.
 */
public final class DropoutMask {

  private static final int GOLDEN32 = 0x9E3779B9;
  private static final long GOLDEN64 = 0x9E3779B97F4A7C15L;
  private static final int HASH_SHIFT = 8;
  private static final double RESOLUTION = 1 << (32 - HASH_SHIFT);

  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  private static final int LANES = FLOATS.length();

  private DropoutMask() {}

  /** Returns the hash threshold below which an element is dropped. */
  static int threshold(double rate) {
    return (int) Math.round(rate * RESOLUTION);
  }

  /** Returns the probability that an element survives, after rounding the rate. */
  static double keepProbability(double rate) {
    return 1.0 - threshold(rate) / RESOLUTION;
  }

  /** Returns whether element {@code index} survives dropout with drop probability {@code rate}. */
  public static boolean keep(long seed, int index, double rate) {
    return hash(seed, index) >>> HASH_SHIFT >= threshold(rate);
  }

  /** Derives the seed of one dropout site from the seed of a step and the site's number. */
  public static long siteSeed(long stepSeed, int site) {
    return mix64(stepSeed ^ mix64((site + 1L) * GOLDEN64));
  }

  /** MurmurHash3's 32-bit finaliser over the index, offset and xor-ed by the seed. */
  static int hash(long seed, int index) {
    int x = (index * GOLDEN32 + (int) seed) ^ (int) (seed >>> 32);
    x ^= x >>> 16;
    x *= 0x85EBCA6B;
    x ^= x >>> 13;
    x *= 0xC2B2AE35;
    return x ^ (x >>> 16);
  }

  /**
   * Applies inverted dropout to x[start, end) in place, the element at position i taking the
   * decision of index i: the same result as {@link #keep} per element, with vector lanes.
   */
  static void apply(float[] x, int start, int end, long seed, double rate) {
    int threshold = threshold(rate);
    float scale = (float) (1.0 / keepProbability(rate));
    int seedLow = (int) seed;
    int seedHigh = (int) (seed >>> 32);
    IntVector lanes = IntVector.zero(INTS).addIndex(1);
    FloatVector zero = FloatVector.zero(FLOATS);
    int i = start;
    if (INTS.length() == LANES) {
      for (int upper = start + FLOATS.loopBound(end - start); i < upper; i += LANES) {
        IntVector h = lanes.add(i).mul(GOLDEN32).add(seedLow).lanewise(VectorOperators.XOR,
            seedHigh);
        h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16))
            .mul(0x85EBCA6B);
        h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 13))
            .mul(0xC2B2AE35);
        h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16));
        VectorMask<Float> kept = h.lanewise(VectorOperators.LSHR, HASH_SHIFT)
            .compare(VectorOperators.GE, threshold).cast(FLOATS);
        FloatVector values = FloatVector.fromArray(FLOATS, x, i).mul(scale);
        zero.blend(values, kept).intoArray(x, i);
      }
    }
    for (; i < end; i++) {
      x[i] = hash(seed, i) >>> HASH_SHIFT >= threshold ? x[i] * scale : 0f;
    }
  }

  /** The 64-bit mix function of SplitMix64, the one java.util.SplittableRandom also uses. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
