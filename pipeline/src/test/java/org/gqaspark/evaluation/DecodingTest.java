package org.gqaspark.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.gqaspark.generation.GenerationOptions;
import org.gqaspark.tokenizer.SentencePieceTokenizer;
import org.junit.jupiter.api.Test;

/** Decoding settings and detokenization of generated ids, without Spark. */
class DecodingTest {

  @Test
  void oneBeamIsGreedy() {
    GenerationOptions options = new DecodingSettings(1, 8, 32, 0.6, 0, 0).generationOptions();

    assertEquals(GenerationOptions.greedy(32).withLengthPenalty(0.6), options);
  }

  @Test
  void beamsKeepLengthPenalty() {
    GenerationOptions options = new DecodingSettings(4, 8, 32, 0.6, 0, 0).generationOptions();

    assertEquals(GenerationOptions.beamSearch(4, 32).withLengthPenalty(0.6), options);
  }

  @Test
  void detokenizeStopsAtEos() throws IOException {
    SentencePieceTokenizer tokenizer = SentencePieceTokenizer.load(
        java.nio.file.Path.of(EvaluationFixture.VOCABULARY));
    int[] hello = tokenizer.encode("Hello world");
    int[] tokens = new int[hello.length + 4];
    System.arraycopy(hello, 0, tokens, 0, hello.length);
    tokens[hello.length] = 32110;                 // an output id without a piece
    tokens[hello.length + 1] = tokenizer.padId();
    tokens[hello.length + 2] = tokenizer.eosId();
    tokens[hello.length + 3] = hello[0];          // after EOS: ignored

    assertEquals("Hello world", Detokenizer.text(tokenizer, tokens, tokenizer.eosId(),
        tokenizer.padId()));
  }

  @Test
  void invalidDecodingRejected() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new DecodingSettings(1, 0, 32, 1.0, 0, 0));

    assertEquals("Invalid setting decoding.batch-size: must be at least 1 but got 0.",
        e.getMessage());
  }
}
