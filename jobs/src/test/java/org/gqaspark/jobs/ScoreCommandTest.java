package org.gqaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gqa score} on the example of sacreBLEU's README: three hypotheses, two reference
 * streams, corpus BLEU 48.530827 with sacreBLEU 2.6.0's defaults.
 */
class ScoreCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path folder;

  private Path hypotheses;
  private Path references1;
  private Path references2;

  @BeforeEach
  void writeFiles() throws IOException {
    hypotheses = write("hyp.txt", "The dog bit the man.\nIt wasn't surprising.\n"
        + "The man had just bitten him.\n");
    references1 = write("ref1.txt", "The dog bit the man.\nIt was not unexpected.\n"
        + "The man bit him first.\n");
    references2 = write("ref2.txt", "The dog had bit the man.\nNo one was surprised.\n"
        + "The man had bitten the dog.\n");
  }

  private Path write(String name, String text) throws IOException {
    Path file = folder.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void bleuEqualsSacrebleuReadme() throws IOException {
    CommandRun run = CommandRun.of("score", references1.toString(), references2.toString(),
        "-i", hypotheses.toString(), "-w", "6");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode bleu = JSON.readTree(run.out());
    assertEquals("BLEU", bleu.get("name").asText());
    assertEquals(48.530827, bleu.get("score").asDouble());
    assertEquals("2", bleu.get("nrefs").asText());
    assertEquals("82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)",
        bleu.get("verbose_score").asText());
  }

  @Test
  void allMetricsPrintAnArray() throws IOException {
    CommandRun run = CommandRun.of("score", references1.toString(), "-i",
        hypotheses.toString(), "-m", "bleu", "chrf", "rouge", "--rouge-stemmer");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode results = JSON.readTree(run.out());
    assertEquals(6, results.size(), "BLEU, chrF2 and four ROUGE types");
    assertEquals("chrF2", results.get(1).get("name").asText());
    assertEquals("rougeLsum", results.get(5).get("name").asText());
    assertEquals("yes", results.get(5).get("stem").asText());
  }

  @Test
  void confidenceAddsInterval() throws IOException {
    CommandRun run = CommandRun.of("score", references1.toString(), "-i",
        hypotheses.toString(), "--confidence", "--confidence-n", "100", "--seed", "1");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode bleu = JSON.readTree(run.out());
    assertTrue(bleu.has("confidence_var"), run.out());
    assertEquals("100", bleu.get("bs").asText());
  }

  @Test
  void lineCountMismatchNamesBothCounts() throws IOException {
    Path shortReferences = write("short.txt", "The dog bit the man.\n");
    CommandRun run = CommandRun.of("score", shortReferences.toString(), "-i",
        hypotheses.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("3 hypotheses but 1 references"), run.err());
  }

  @Test
  void invalidUtf8NamesFileAndLine() throws IOException {
    Path bad = folder.resolve("bad.txt");
    Files.write(bad, new byte[] {'a', '\n', 'b', '\n', (byte) 0xFF, '\n'});
    CommandRun run = CommandRun.of("score", bad.toString(), "-i", hypotheses.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains(bad + " at line 3"), run.err());
  }
}
