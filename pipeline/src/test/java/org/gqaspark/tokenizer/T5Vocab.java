package org.gqaspark.tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.gqaspark.testing.RepoPaths;

/** The real T5 vocabulary shipped as a test resource, loaded once per test JVM. */
final class T5Vocab {

  private static SentencePieceTokenizer tokenizer;

  private T5Vocab() {}

  static Path path() {
    return RepoPaths.root().resolve("pipeline/src/test/resources/t5/spiece.model");
  }

  static synchronized SentencePieceTokenizer tokenizer() {
    if (tokenizer == null) {
      try {
        tokenizer = SentencePieceTokenizer.load(path());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return tokenizer;
  }
}
