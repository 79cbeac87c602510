package org.gqaspark.model.compute;

/**
 * The keep/drop decision of inverted dropout as a pure function of (seed, element index),
 * like the counter-based generators that GPU frameworks use. Backward passes recompute the
 * mask instead of storing it, threads can evaluate any element independently, and every
 * {@link Compute} backend drops the same elements for the same seed.
 */
public final class DropoutMask {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private DropoutMask() {}

  /** Returns whether element {@code index} survives dropout that drops with probability {@code rate}. */
  public static boolean keep(long seed, long index, double rate) {
    long bits = mix(seed + (index + 1) * GOLDEN_GAMMA);
    double uniform = (bits >>> 11) * 0x1.0p-53;
    return uniform >= rate;
  }

  /** Derives the seed of one dropout site from the seed of a step and the site's number. */
  public static long siteSeed(long stepSeed, int site) {
    return mix(stepSeed ^ mix((site + 1L) * GOLDEN_GAMMA));
  }

  /** The 64-bit mix function of SplitMix64, the one java.util.SplittableRandom also uses. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
