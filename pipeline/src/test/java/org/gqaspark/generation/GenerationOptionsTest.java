package org.gqaspark.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GenerationOptionsTest {

  @Test
  void returnSequencesAboveBeamsRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> GenerationOptions.beamSearch(2, 10).withNumReturnSequences(3));
    assertTrue(error.getMessage().contains("numReturnSequences"), error.getMessage());
  }

  @Test
  void minAboveMaxRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> GenerationOptions.greedy(4).withMinNewTokens(5));
  }

  @Test
  void nonFinitePenaltyRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> GenerationOptions.greedy(4).withLengthPenalty(Double.NaN));
  }

  @Test
  void scoreDividesByLengthPower() {
    assertEquals(-6.0 / 9.0, GenerationOptions.greedy(4).withLengthPenalty(2.0).score(-6.0, 3),
        1e-15);
  }

  @Test
  void earlyStoppingParsesHuggingFaceValues() {
    assertEquals(EarlyStopping.FIRST_COMPLETE, EarlyStopping.fromHuggingFace("True"));
    assertEquals(EarlyStopping.HEURISTIC, EarlyStopping.fromHuggingFace("false"));
    assertEquals(EarlyStopping.NEVER, EarlyStopping.fromHuggingFace("never"));
    assertThrows(IllegalArgumentException.class, () -> EarlyStopping.fromHuggingFace("soon"));
  }

  @Test
  void sourceBatchPadsRows() {
    SourceBatch batch = SourceBatch.of(List.of(new int[] {4, 5, 1}, new int[] {6, 1}), 0);

    assertEquals(3, batch.sourceLength());
    assertArrayEquals(new int[] {4, 5, 1, 6, 1, 0}, batch.inputIds());
    assertArrayEquals(new int[] {1, 1, 1, 1, 1, 0}, batch.attentionMask());
    assertArrayEquals(new int[] {6, 1}, batch.row(1));
  }

  @Test
  void emptySourceRowRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> SourceBatch.padded(new int[] {4, 5}, new int[] {2, 0}, 1));
  }
}
