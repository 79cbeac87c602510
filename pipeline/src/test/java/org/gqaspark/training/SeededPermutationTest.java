package org.gqaspark.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeededPermutationTest {

  @Test
  void permutationIsBijection() {
    for (int size : new int[] {1, 2, 3, 10, 1000, 4097}) {
      SeededPermutation permutation = new SeededPermutation(size, 11);
      long[] values = new long[size];
      for (int i = 0; i < size; i++) {
        values[i] = permutation.at(i);
      }
      Arrays.sort(values);
      for (int i = 0; i < size; i++) {
        assertEquals(i, values[i], "size " + size);
      }
    }
  }

  @Test
  void permutationSeeded() {
    assertEquals(new SeededPermutation(1000, 5).at(17), new SeededPermutation(1000, 5).at(17));
    assertNotEquals(order(1000, 5), order(1000, 6));
  }

  @Test
  void permutationShuffles() {
    // Fewer than 1% of 1000 positions stay in place for a good shuffle (expected: 1).
    SeededPermutation permutation = new SeededPermutation(1000, 3);
    int fixed = 0;
    for (int i = 0; i < 1000; i++) {
      fixed += permutation.at(i) == i ? 1 : 0;
    }
    assertEquals(true, fixed < 10, fixed + " fixed points");
  }

  private static String order(int size, long seed) {
    SeededPermutation permutation = new SeededPermutation(size, seed);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < size; i++) {
      text.append(permutation.at(i)).append(',');
    }
    return text.toString();
  }
}
