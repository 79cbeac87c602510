package org.gqaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gqaspark.testing.RepoPaths;
import org.junit.jupiter.api.Test;

/** {@code gqa bench tokenizer} runs end to end on a short input; it times nothing here. */
class TokenizerBenchTest {

  @Test
  void benchmarkPrintsRatio() {
    assumeTrue(onPath("spm_encode"), "Skipped: spm_encode is not on the PATH; install the"
        + " Debian package sentencepiece (.ci/run does).");

    CommandRun run = CommandRun.of("bench", "tokenizer",
        "--input", RepoPaths.shippedData("tatoeba-en-de/tatoeba-test-v2021-08-07.deu-eng.deu.gz")
            .toString(),
        "--model", RepoPaths.root().resolve("pipeline/src/test/resources/t5/spiece.model")
            .toString(),
        "--max-lines", "500", "--repeat", "2", "--threads", "2", "--seconds", "0.2",
        "--warmup-seconds", "0");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("lines whose ids differ from spm_encode: 0 of 1000"),
        run.out());
    assertTrue(run.out().contains("ratio Java / spm_encode tokens/s per core:"), run.out());
  }

  @Test
  void invalidThreadsRejected() {
    CommandRun run = CommandRun.of("bench", "tokenizer", "--input", "x.txt", "--model",
        "x.model", "--threads", "0");

    assertEquals(2, run.exitCode());
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
