package org.gqaspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * Buckets of T5's relative positions against Hugging Face's
 * {@code _relative_position_bucket} evaluated with PyTorch 1.13 (32 buckets, max distance
 * 128), including the powers of two that land exactly on bucket boundaries.
 */
class RelativePositionBiasTest {

  private static final int[] POSITIONS = {0, -1, 1, -7, -8, -15, -16, -31, -32, -63, -64,
      -127, -128, -200, 7, 8, 16, 32, 64, 127, 128, 1000};

  private static int[] buckets(boolean bidirectional) {
    int[] buckets = new int[POSITIONS.length];
    for (int i = 0; i < POSITIONS.length; i++) {
      buckets[i] = RelativePositionBias.bucket(POSITIONS[i], bidirectional, 32, 128);
    }
    return buckets;
  }

  @Test
  void bidirectionalBuckets() {
    int[] expected = {0, 1, 17, 7, 8, 9, 10, 11, 12, 13, 14, 15, 15, 15, 23, 24, 26, 28, 30,
        31, 31, 31};
    assertArrayEquals(expected, buckets(true));
  }

  @Test
  void causalBuckets() {
    int[] expected = {0, 1, 0, 7, 8, 15, 16, 21, 21, 26, 26, 31, 31, 31, 0, 0, 0, 0, 0, 0, 0,
        0};
    assertArrayEquals(expected, buckets(false));
  }
}
