package org.gqaspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Seq2SeqBatchTest {

  private static final T5Config CONFIG = TinyModels.config(2, FeedForwardKind.RELU, true);

  /** Hugging Face's _shift_right: start token, labels shifted, -100 replaced by pad (0). */
  @Test
  void fromLabelsShiftsRight() {
    Seq2SeqBatch batch = Seq2SeqBatch.fromLabels(2, 2, 3, new int[] {5, 6, 7, 8},
        new int[] {1, 1, 1, 1}, new int[] {4, 9, 1, 3, -100, -100}, null, CONFIG);
    assertArrayEquals(new int[] {0, 4, 9, 0, 3, 0}, batch.decoderInputIds());
  }

  @Test
  void lossTargetsSkipIgnoredAndPadded() {
    Seq2SeqBatch batch = Seq2SeqBatch.fromLabels(1, 1, 4, new int[] {5}, new int[] {1},
        new int[] {4, -100, 6, 7}, new int[] {1, 1, 1, 0}, CONFIG);
    assertArrayEquals(new int[] {4, -1, 6, -1}, batch.lossTargets());
  }

  @Test
  void tokenOutsideVocabularyRejected() {
    Seq2SeqBatch batch = Seq2SeqBatch.fromLabels(1, 2, 1, new int[] {5, 13}, new int[] {1, 1},
        new int[] {1}, null, CONFIG);
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> batch.validate(CONFIG));
    assertTrue(error.getMessage().contains("input_ids has token id 13 at position 1"),
        error.getMessage());
  }

  @Test
  void wrongFieldLengthRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new Seq2SeqBatch(2, 3, 1, new int[5], new int[6], new int[2], null, null));
    assertTrue(error.getMessage().contains("input_ids must have 6 entries"),
        error.getMessage());
  }
}
