package org.gqaspark.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.gqaspark.testing.RepoPaths;
import org.gqaspark.tokenizer.SentencePieceTokenizer;
import org.gqaspark.tokenizer.Tokenizer;

/** The tokenizer of the tokenize job tests: the real T5 vocabulary, as T5 uses it. */
final class TestTokenizers {

  private static SentencePieceTokenizer t5;

  private TestTokenizers() {}

  /** Returns the T5 SentencePiece tokenizer, loaded once per JVM. */
  static synchronized Tokenizer t5() {
    if (t5 == null) {
      try {
        t5 = SentencePieceTokenizer.load(
            RepoPaths.root().resolve("pipeline/src/test/resources/t5/spiece.model"))
            .withAddDummyPrefix(true);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not load the T5 test vocabulary", e);
      }
    }
    return t5;
  }
}
