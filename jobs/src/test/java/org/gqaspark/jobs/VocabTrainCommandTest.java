package org.gqaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.gqaspark.testing.RepoPaths;
import org.gqaspark.testing.SparkTestSession;
import org.gqaspark.tokenizer.SentencePieceTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gqa vocab train} on the shipped corpora, in the shared local Spark session. */
class VocabTrainCommandTest {

  @TempDir
  Path folder;

  @BeforeAll
  static void startSpark() {
    SparkTestSession.get();
  }

  @Test
  void trainsOnTextLines() throws IOException {
    Path output = folder.resolve("spiece.model");

    CommandRun run = CommandRun.of("vocab", "train",
        "--input", RepoPaths.shippedData("tatoeba-en-de/tatoeba-test-v2021-08-07.deu-eng.eng.gz")
            .toString(),
        "--vocab-size", "800", "--sentinels", "100", "--seed-size", "50000", "--threads", "2",
        "--normalization-model", t5Model().toString(), "--output", output.toString());

    assertEquals(0, run.exitCode(), run.err());
    SentencePieceTokenizer tokenizer = SentencePieceTokenizer.load(output);
    assertEquals(800, tokenizer.vocabSize());
    assertEquals(799, tokenizer.sentinelId(0));
    assertEquals("nmt_nfkc", tokenizer.model().normalizerSpec().name());
  }

  @Test
  void trainsOnJsonArrayField() throws IOException {
    Path output = folder.resolve("scitldr.model");

    CommandRun run = CommandRun.of("vocab", "train",
        "--input", RepoPaths.shippedData("scitldr/dev.jsonl.gz").toString(),
        "--json-field", "source", "--vocab-size", "700", "--seed-size", "50000",
        "--threads", "2", "--output", output.toString());

    assertEquals(0, run.exitCode(), run.err());
    SentencePieceTokenizer tokenizer = SentencePieceTokenizer.load(output);
    assertEquals("identity", tokenizer.model().normalizerSpec().name());
    assertTrue(tokenizer.hasPiece("\u2581the"));
  }

  @Test
  void invalidVocabSizeIsRejected() {
    CommandRun run = CommandRun.of("vocab", "train", "--input", "unused.txt",
        "--vocab-size", "3", "--output", folder.resolve("x.model").toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("vocabSize must be >= 4"), run.err());
  }

  private static Path t5Model() {
    return RepoPaths.root().resolve("pipeline/src/test/resources/t5/spiece.model");
  }
}
