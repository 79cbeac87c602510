package org.gqaspark.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Failures reported in public trackers against other BLEU and ROUGE implementations, each
 * with the value that sacreBLEU 2.6.0 or rouge-score 0.1.2 gives.
 */
class TrackerCasesTest {

  private static final BleuOptions SENTENCE = BleuOptions.sentenceDefaults();

  @Test
  void noSharedWordScoresZeroUnderEverySmoothing() {
    for (SmoothMethod method : SmoothMethod.values()) {
      Bleu bleu = new Bleu(SENTENCE.withSmoothing(method));
      assertEquals(0.0, bleu.sentenceScore("this is a cat", List.of("okay thanks")).score(),
          method.signatureName());
    }
  }

  @Test
  void identicalTwoWordsCorpusZeroSentenceHundred() {
    List<String> hypotheses = List.of("hello world");
    List<List<String>> references = List.of(List.of("hello world"));
    Bleu corpus = new Bleu(BleuOptions.corpusDefaults());
    Bleu sentence = new Bleu(SENTENCE);
    assertEquals(0.0, corpus.corpusScore(hypotheses, references).score(), "corpus");
    assertEquals(100.0, sentence.sentenceScore("hello world", List.of("hello world")).score(),
        1e-12, "sentence with effective order");
  }

  @Test
  void brevityPenaltyUsesClosestReference() {
    Bleu bleu = new Bleu(BleuOptions.corpusDefaults());
    BleuStats stats = bleu.segmentStatistics("a b c d", List.of("a", "a b c d e"));
    assertEquals(5, stats.referenceLength());
  }

  @Test
  void closestLengthTieTakesShorter() {
    Bleu bleu = new Bleu(BleuOptions.corpusDefaults());
    assertEquals(2, bleu.segmentStatistics("a b c", List.of("a b", "a b c d")).referenceLength());
    assertEquals(2, bleu.segmentStatistics("a b c", List.of("a b c d", "a b")).referenceLength());
  }

  @Test
  void repeatedNgramsAreClipped() {
    Bleu bleu = new Bleu(BleuOptions.corpusDefaults());
    BleuStats stats = bleu.segmentStatistics("the the the the the the the",
        List.of("the cat is on the mat", "there is a cat on the mat"));
    assertArrayEquals(new long[] {2, 0, 0, 0}, stats.matches());
    assertEquals(7.809849842300637, bleu.score(stats).score(), 1e-12);
  }

  @Test
  void rougeUnigramsAreClipped() {
    Rouge rouge = new Rouge(RougeOptions.of(List.of("rouge1"), false));
    PrfScore score = rouge.score("the cat", "the the the the").get(RougeType.ROUGE_1);
    assertEquals(0.25, score.precision());
  }

  @Test
  void rougeLOfIdenticalRepeatingTextsIsOne() {
    Rouge rouge = new Rouge(RougeOptions.of(List.of("rougeL"), false));
    String text = "the cat and the dog and the cat";
    assertEquals(1.0, rouge.score(text, text).get(RougeType.ROUGE_L).fmeasure());
  }

  @Test
  void rougeLsumDiffersFromRougeLWithNewlines() {
    Rouge rouge = new Rouge(RougeOptions.of(List.of("rougeL", "rougeLsum"), false));
    Map<RougeType, PrfScore> scores = rouge.score("a b c.\nd e f.\ng h i.",
        "g h i.\na b c.\nx y z.");
    assertEquals(1.0 / 3, scores.get(RougeType.ROUGE_L).fmeasure(), 1e-15, "rougeL");
    assertEquals(2.0 / 3, scores.get(RougeType.ROUGE_LSUM).fmeasure(), 1e-15, "rougeLsum");
  }

  @Test
  void rougeLsumEqualsRougeLWithoutNewlines() {
    Rouge rouge = new Rouge(RougeOptions.of(List.of("rougeL", "rougeLsum"), false));
    Map<RougeType, PrfScore> scores = rouge.score("a b c. d e f. g h i.",
        "g h i. a b c. x y z.");
    assertEquals(scores.get(RougeType.ROUGE_L), scores.get(RougeType.ROUGE_LSUM));
  }

  /**
   * Two seeded random 3,000-token lines: ROUGE-L equals the F from a full LCS table, and the
   * two-row LCS allocates under 16 MB where a 3,001 x 3,001 table alone takes 36 MB. Its time
   * is printed by {@code gqa bench metrics}, since tests do not time code.
   */
  @Test
  void rougeLOf3000TokenLinesUsesLinearMemory() {
    Random random = new Random(3000L);
    String target = randomLine(random, 3000);
    String prediction = randomLine(random, 3000);
    Rouge rouge = new Rouge(RougeOptions.of(List.of("rougeL"), false));
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    long before = threads.getCurrentThreadAllocatedBytes();
    PrfScore score = rouge.score(target, prediction).get(RougeType.ROUGE_L);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    int lcs = fullTableLcs(target.split(" "), prediction.split(" "));
    assertEquals(PrfScore.of(lcs / 3000.0, lcs / 3000.0), score, "ROUGE-L");
    assertTrue(allocated < 16L << 20, "allocated " + (allocated >> 20) + " MB");
  }

  private static String randomLine(Random random, int tokens) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < tokens; i++) {
      line.append(i == 0 ? "" : " ").append('w').append(random.nextInt(300));
    }
    return line.toString();
  }

  private static int fullTableLcs(String[] a, String[] b) {
    int[][] table = new int[a.length + 1][b.length + 1];
    for (int i = 1; i <= a.length; i++) {
      for (int j = 1; j <= b.length; j++) {
        table[i][j] = a[i - 1].equals(b[j - 1])
            ? table[i - 1][j - 1] + 1 : Math.max(table[i - 1][j], table[i][j - 1]);
      }
    }
    return table[a.length][b.length];
  }

  @Test
  void emptyHypothesisScoresZero() {
    MetricSuite suite = new MetricSuite(BleuOptions.corpusDefaults(), ChrfOptions.chrf(),
        RougeOptions.standard(true));
    CorpusScores scores = suite.corpusScore(List.of(""), List.of(List.of("a b c d")), null);
    assertEquals(0.0, scores.bleu().score(), "BLEU");
    assertEquals(0.0, scores.chrf().score(), "chrF");
    assertEquals(PrfScore.ZERO, scores.rouge().means().get(RougeType.ROUGE_LSUM), "ROUGE-Lsum");
  }

  @Test
  void emptyReferenceScoresZero() {
    MetricSuite suite = new MetricSuite(BleuOptions.corpusDefaults(), ChrfOptions.chrf(),
        RougeOptions.standard(true));
    CorpusScores scores = suite.corpusScore(List.of("a b c d"), List.of(List.of("")), null);
    assertEquals(0.0, scores.bleu().score(), "BLEU");
    assertEquals(4, scores.bleu().hypothesisLength(), "BLEU hypothesis length");
    assertEquals(0.0, scores.chrf().score(), "chrF");
    assertEquals(PrfScore.ZERO, scores.rouge().means().get(RougeType.ROUGE_1), "ROUGE-1");
  }

  @Test
  void countMismatchNamesBothCounts() {
    Bleu bleu = new Bleu(BleuOptions.corpusDefaults());
    MetricErrors.InvalidMetricInputException error = assertThrows(
        MetricErrors.InvalidMetricInputException.class,
        () -> bleu.corpusScore(List.of("a", "b", "c"), List.of(List.of("a", "b"))));
    assertTrue(error.getMessage().contains("3 hypotheses but 2 references"), error.getMessage());
  }

  @Test
  void chrfCountMismatchIsAnError() {
    Chrf chrf = new Chrf(ChrfOptions.chrf());
    assertThrows(MetricErrors.InvalidMetricInputException.class,
        () -> chrf.corpusScore(List.of("a"), List.of(List.of("a", "b"))));
  }
}
