package org.gqaspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.gqaspark.testing.RepoPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BLEU and chrF intervals against sacreBLEU 2.6.0 (with NumPy 1.24.2) on the shipped SciTLDR
 * test split, hypothesis the first abstract sentence and reference the first TLDR:
 * {@code BLEU().corpus_score(hyps, [refs], n_bootstrap=1000)} with the default seed 12345,
 * and the same for {@code CHRF()}; expected values are its {@code _mean} and {@code _ci}.
 */
class SacrebleuIntervalTest {

  private static final List<String> HYPOTHESES = new ArrayList<>();
  private static final List<String> REFERENCES = new ArrayList<>();

  @BeforeAll
  static void loadSciTldr() throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        Files.newInputStream(RepoPaths.shippedData("scitldr/test.jsonl.gz"))),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        JsonNode record = json.readTree(line);
        HYPOTHESES.add(record.get("source").get(0).asText());
        REFERENCES.add(record.get("target").get(0).asText());
      }
    }
  }

  private static CorpusScores scores() {
    MetricSuite suite = new MetricSuite(BleuOptions.corpusDefaults(), ChrfOptions.chrf(), null);
    List<List<String>> references = REFERENCES.stream().map(List::of).toList();
    return suite.corpusScore(HYPOTHESES, references, Bootstrap.defaults());
  }

  @Test
  void bleuIntervalEqualsSacrebleu() {
    CorpusScores scores = scores();
    assertEquals(6.768158620407779, scores.bleu().score(), 1e-12, "score");
    assertEquals(6.792251077242982, scores.bleuInterval().mean(), 1e-12, "mean");
    assertEquals(1.47140454475533, scores.bleuInterval().halfWidth(), 1e-12, "half width");
  }

  /**
   * sacreBLEU divides the float32 sums of resampled chrF statistics in float32, where this
   * package divides in double, so the interval agrees to about 1e-6 rather than to the last
   * bit.
   */
  @Test
  void chrfIntervalEqualsSacrebleu() {
    CorpusScores scores = scores();
    assertEquals(31.784561780865218, scores.chrf().score(), 1e-12, "score");
    assertEquals(31.794119786959914, scores.chrfInterval().mean(), 1e-6, "mean");
    assertEquals(1.1995229593469663, scores.chrfInterval().halfWidth(), 1e-6, "half width");
  }

  @Test
  void signatureNamesBootstrap() {
    assertEquals("nrefs:1|bs:1000|seed:12345|case:mixed|eff:no|tok:13a|smooth:exp|version:"
        + ProductVersion.signatureValue(), scores().bleu().signature());
  }
}
