package org.gqaspark.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LcsTest {

  /** rouge-score's full table and backtrack, the reference for the linear-space version. */
  private static int[] fullTableBacktrack(int[] ref, int[] can) {
    int[][] table = new int[ref.length + 1][can.length + 1];
    for (int i = 1; i <= ref.length; i++) {
      for (int j = 1; j <= can.length; j++) {
        table[i][j] = ref[i - 1] == can[j - 1]
            ? table[i - 1][j - 1] + 1 : Math.max(table[i - 1][j], table[i][j - 1]);
      }
    }
    List<Integer> indexes = new ArrayList<>();
    int i = ref.length;
    int j = can.length;
    while (i > 0 && j > 0) {
      if (ref[i - 1] == can[j - 1]) {
        indexes.add(0, i - 1);
        i--;
        j--;
      } else if (table[i][j - 1] > table[i - 1][j]) {
        j--;
      } else {
        i--;
      }
    }
    return indexes.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] randomTokens(Random random, int length, int vocabulary) {
    return random.ints(length, 0, vocabulary).toArray();
  }

  @Test
  void backtrackEqualsFullTableOnRandomPairs() {
    Random random = new Random(20240601L);
    for (int trial = 0; trial < 300; trial++) {
      int[] ref = randomTokens(random, random.nextInt(60), 1 + random.nextInt(6));
      int[] can = randomTokens(random, random.nextInt(60), 1 + random.nextInt(6));
      int blockCells = 1 + random.nextInt(200);
      assertArrayEquals(fullTableBacktrack(ref, can), Lcs.backtrack(ref, can, blockCells),
          "trial " + trial + " with block cells " + blockCells);
    }
  }

  @Test
  void lengthEqualsBacktrackSize() {
    Random random = new Random(7L);
    for (int trial = 0; trial < 100; trial++) {
      int[] ref = randomTokens(random, random.nextInt(80), 5);
      int[] can = randomTokens(random, random.nextInt(80), 5);
      assertEquals(fullTableBacktrack(ref, can).length, Lcs.length(ref, can), "trial " + trial);
    }
  }

  @Test
  void backtrackOf3000TokensEqualsFullTable() {
    Random random = new Random(3000L);
    int[] ref = randomTokens(random, 3000, 50);
    int[] can = randomTokens(random, 3000, 50);
    assertArrayEquals(fullTableBacktrack(ref, can), Lcs.backtrack(ref, can, 1 << 16));
  }

  /**
   * Two 20,000-token texts whose tokens are distinct and in the same order except that every
   * tenth prediction token is replaced: the LCS is the 18,000 shared tokens. A table would take
   * 20,001^2 ints (1.6 GB); ROUGE-L and ROUGE-Lsum together must allocate under 64 MB in all,
   * which bounds their peak memory too.
   */
  @Test
  void rougeOf20000TokenLinesWithoutQuadraticMemory() {
    StringBuilder target = new StringBuilder();
    StringBuilder prediction = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      target.append('t').append(i).append(' ');
      prediction.append(i % 10 == 0 ? "x" + i : "t" + i).append(' ');
    }
    Rouge rouge = new Rouge(RougeOptions.of(List.of("rougeL", "rougeLsum"), false));
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    long before = threads.getCurrentThreadAllocatedBytes();
    var scores = rouge.score(target.toString(), prediction.toString());
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertEquals(new PrfScore(0.9, 0.9, 0.9).fmeasure(),
        scores.get(RougeType.ROUGE_L).fmeasure(), 1e-15, "ROUGE-L");
    assertEquals(0.9, scores.get(RougeType.ROUGE_LSUM).fmeasure(), 1e-15, "ROUGE-Lsum");
    assertTrue(allocated < 64L << 20, "allocated " + (allocated >> 20) + " MB");
  }
}
