package org.gqaspark.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanCorruptionTest {

  private static final int EOS = 1;
  private static final int[] SENTINELS = {99, 98, 97, 96, 95, 94, 93, 92};
  private static final SpanCorruption T5 = new SpanCorruption(0.15, 3.0, SENTINELS, EOS);

  @Test
  void chunkLengthsOfT5Inputs() {
    // T5's span_corruption with inputs of 512 tokens reads 568 and writes targets of 114.
    assertEquals(new SpanCorruption.ChunkLengths(568, 512, 114),
        SpanCorruption.chunkLengths(512, 0.15, 3.0));
  }

  @Test
  void chunkLengthsOfShortInputs() {
    // 71 tokens: 11 noise (rint 10.65) in 4 spans (rint 3.67): 60 + 4 + 1 = 65 > 64, so 70:
    // rint(10.5) = 10 noise in 3 spans: 60 + 3 + 1 = 64 inputs, 10 + 3 + 1 = 14 targets.
    assertEquals(new SpanCorruption.ChunkLengths(70, 64, 14),
        SpanCorruption.chunkLengths(64, 0.15, 3.0));
  }

  @Test
  void noiseMaskCounts() {
    boolean[] mask = T5.noiseMask(100, 42);

    assertEquals(15, count(mask));
    assertEquals(5, runs(mask));
    assertFalse(mask[0]);
    assertTrue(mask[99]);
  }

  @Test
  void noiseMaskSeeded() {
    assertArrayEquals(T5.noiseMask(100, 42), T5.noiseMask(100, 42));
    assertFalse(Arrays.equals(T5.noiseMask(100, 42), T5.noiseMask(100, 43)));
  }

  @Test
  void corruptionLengths() {
    TrainingExample example = T5.corrupt(range(40), 5);

    // 40 tokens: 6 noise tokens in 2 spans.
    assertEquals(40 - 6 + 2 + 1, example.inputIds().length);
    assertEquals(6 + 2 + 1, example.targetIds().length);
    assertEquals(EOS, example.inputIds()[example.inputIds().length - 1]);
    assertEquals(EOS, example.targetIds()[example.targetIds().length - 1]);
    assertEquals(SENTINELS[0], example.targetIds()[0]);
  }

  @Test
  void inputsAndTargetsRestoreText() {
    for (long seed = 0; seed < 50; seed++) {
      int[] tokens = range(10 + (int) seed);
      TrainingExample example = T5.corrupt(tokens, seed);

      assertArrayEquals(tokens, restore(example), "seed " + seed);
    }
  }

  @Test
  void tooManySpansRejected() {
    SpanCorruption fewSentinels = new SpanCorruption(0.15, 3.0, new int[] {99}, EOS);

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> fewSentinels.corrupt(range(100), 1));

    assertEquals("A chunk of 100 tokens gets 5 noise spans but the vocabulary has only 1"
        + " sentinel ids; lower objective.span-corruption.input-length or raise the mean"
        + " noise span length.", error.getMessage());
  }

  @Test
  void segmentationCoversItems() {
    int[] lengths = SpanCorruption.randomSegmentation(20, 6, 9);

    assertEquals(6, lengths.length);
    assertEquals(20, Arrays.stream(lengths).sum());
    assertTrue(Arrays.stream(lengths).allMatch(length -> length >= 1));
  }

  /** Puts each sentinel's span from the targets back in place of the sentinel in the input. */
  private static int[] restore(TrainingExample example) {
    List<Integer> sentinels = Arrays.stream(SENTINELS).boxed().toList();
    List<List<Integer>> spans = new ArrayList<>();
    for (int id : example.targetIds()) {
      if (sentinels.contains(id)) {
        spans.add(new ArrayList<>());
      } else if (id != EOS) {
        spans.get(spans.size() - 1).add(id);
      }
    }
    List<Integer> text = new ArrayList<>();
    for (int id : example.inputIds()) {
      if (sentinels.contains(id)) {
        text.addAll(spans.get(sentinels.indexOf(id)));
      } else if (id != EOS) {
        text.add(id);
      }
    }
    return text.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] range(int length) {
    int[] tokens = new int[length];
    for (int i = 0; i < length; i++) {
      tokens[i] = 3 + i;
    }
    return tokens;
  }

  private static int count(boolean[] mask) {
    int count = 0;
    for (boolean noise : mask) {
      count += noise ? 1 : 0;
    }
    return count;
  }

  private static int runs(boolean[] mask) {
    int runs = 0;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i] && (i == 0 || !mask[i - 1])) {
        runs++;
      }
    }
    return runs;
  }
}
