package org.gqaspark.training;

/**
 * Derives the seeds of every random choice of training from the run seed and the
 * coordinates of the choice (step, slot, example, epoch), so that any worker reproduces any
 * choice without shared generator state, and a resumed run repeats the choices of an
 * uninterrupted one.
 */
public final class Seeds {

  /** Domain tags keep the seeds of different choices with equal coordinates apart. */
  static final long PERMUTATION = 0x7065726d75746521L;
  static final long MIXTURE = 0x6d69787475726521L;
  static final long NOISE = 0x6e6f697365212121L;
  static final long DROPOUT = 0x64726f706f757421L;
  static final long INITIALIZATION = 0x696e697469616c21L;

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  /** Returns a seed that depends on every part, in order. */
  public static long derive(long seed, long... parts) {
    long hash = mix64(seed ^ GOLDEN);
    for (long part : parts) {
      hash = mix64(hash + GOLDEN + mix64(part));
    }
    return hash;
  }

  /** The finaliser of SplitMix64 (Steele, Lea and Flood, 2014): a bijection on 64 bits. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
