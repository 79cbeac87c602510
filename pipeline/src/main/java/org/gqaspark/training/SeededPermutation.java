package org.gqaspark.training;

/**
 * A pseudo-random permutation of {@code 0 .. size-1} that maps any position to its element
 * in constant time and memory, so the order of an epoch over millions of examples never has
 * to be materialised or shipped: a 4-round Feistel network on the smallest even number of
 * bits that covers {@code size}, with cycle walking (values outside the range are encrypted
 * again until they fall inside, which keeps the map a bijection on the range).
 */
public final class SeededPermutation {

  private static final int ROUNDS = 4;

  private final long size;
  private final int halfBits;
  private final long halfMask;
  private final long[] roundKeys = new long[ROUNDS];

  /**
   * Creates the permutation of {@code size} elements for {@code seed}.
   *
   * @throws IllegalArgumentException when size is not positive
   */
  public SeededPermutation(long size, long seed) {
    if (size < 1) {
      throw TrainingErrors.invalidSetting("permutation size", size, "at least 1");
    }
    this.size = size;
    int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(size - 1));
    this.halfBits = (bits + 1) / 2;
    this.halfMask = (1L << halfBits) - 1;
    for (int round = 0; round < ROUNDS; round++) {
      roundKeys[round] = Seeds.derive(seed, round);
    }
  }

  public long size() {
    return size;
  }

  /** Returns the element at {@code position}, in [0, size). */
  public long at(long position) {
    if (position < 0 || position >= size) {
      throw TrainingErrors.invalidSetting("permutation position", position,
          "in [0, " + size + ")");
    }
    long value = encrypt(position);
    while (value >= size) {
      value = encrypt(value);
    }
    return value;
  }

  private long encrypt(long value) {
    long left = value >>> halfBits;
    long right = value & halfMask;
    for (long key : roundKeys) {
      long next = left ^ (Seeds.mix64(right ^ key) & halfMask);
      left = right;
      right = next;
    }
    return (left << halfBits) | right;
  }
}
