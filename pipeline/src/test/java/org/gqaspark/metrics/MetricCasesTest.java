package org.gqaspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every reference case of {@code metric-cases/} (expected values from sacreBLEU 2.6.0 and
 * rouge-score 0.1.2) as its own test, named by the case id.
 */
class MetricCasesTest {

  /**
   * Cases that this package cannot run, with the reason. Each still runs as a test that checks
   * the reason holds, and {@link #notApplicableCasesAreExactlyThese} pins the list.
   */
  static final Map<String, String> NOT_APPLICABLE = Map.of(
      "rs-rougeLsum-split-nltk",
      "split_summaries=True splits sentences with NLTK's punkt model, which this package does"
          + " not implement: ROUGE-Lsum sentences are newline-separated lines",
      "rs-rougeLsum-large",
      "its inputs are files of rouge-score's test data that the case file names but does not"
          + " contain",
      "rs-bootstrap-testConfidenceIntervalsAgainstRouge155",
      "its inputs are files of rouge-score's test data that the case file names but does not"
          + " contain",
      "rs-bootstrap-testConfidenceIntervalsAgainstRouge155WithStemming",
      "its inputs are files of rouge-score's test data that the case file names but does not"
          + " contain",
      "rs-bootstrap-multiline-250",
      "its inputs are 500 files of rouge-score's test data that the case file names but does"
          + " not contain");

  /** Variants where this package knowingly differs from the reference value. */
  private static final Set<String> DEVIATIONS = new ConcurrentSkipListSet<>();

  static void recordDeviation(String variant) {
    DEVIATIONS.add(variant);
  }

  @TestFactory
  Stream<DynamicTest> sacrebleuBleuCases() {
    return cases("sacrebleu_bleu.jsonl", 47);
  }

  @TestFactory
  Stream<DynamicTest> sacrebleuChrfCases() {
    return cases("sacrebleu_chrf.jsonl", 25);
  }

  @TestFactory
  Stream<DynamicTest> rougeCases() {
    return cases("rouge.jsonl", 50);
  }

  @TestFactory
  Stream<DynamicTest> generatedEdgeCases() {
    return cases("generated_edge_cases.jsonl", 157);
  }

  @Test
  void notApplicableCasesAreExactlyThese() {
    Set<String> ids = new TreeSet<>();
    for (String file : List.of("sacrebleu_bleu.jsonl", "sacrebleu_chrf.jsonl", "rouge.jsonl",
        "generated_edge_cases.jsonl")) {
      MetricCase.load(file).forEach(c -> ids.add(c.id()));
    }
    assertEquals(5, NOT_APPLICABLE.size());
    assertTrue(ids.containsAll(NOT_APPLICABLE.keySet()), "every listed case exists");
  }

  /**
   * Two variants deviate, both from one rule: sacreBLEU scores a segment whose only reference
   * is None with reference length -1 (100 for {@code gen-bleu-mixed-empty-lines}, 0 for
   * {@code gen-bleu-empty-hyp-empty-ref}); this package rejects a segment without references.
   * Runs only when the edge cases ran, since they record the deviations.
   */
  @AfterAll
  static void deviationsAreExactlyThese() {
    if (!DEVIATIONS.isEmpty()) {
      assertEquals(Set.of("gen-bleu-empty-hyp-empty-ref:corpus_13a_empty_ref_as_None",
          "gen-bleu-mixed-empty-lines:corpus_13a_empty_ref_as_None"), DEVIATIONS);
    }
  }

  private static Stream<DynamicTest> cases(String file, int expectedCount) {
    List<MetricCase> cases = MetricCase.load(file);
    assertEquals(expectedCount, cases.size(), file + " case count");
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> check(c)));
  }

  private static void check(MetricCase c) throws Exception {
    if (NOT_APPLICABLE.containsKey(c.id())) {
      checkNotApplicable(c);
      return;
    }
    switch (c.metric()) {
      case "bleu" -> SacrebleuCaseChecks.checkBleu(c);
      case "bleu_from_stats" -> SacrebleuCaseChecks.checkBleuFromStats(c);
      case "chrf" -> SacrebleuCaseChecks.checkChrf(c);
      case "bleu_tokenizer" -> SacrebleuCaseChecks.checkTokenizer(c);
      case "bleu+chrf" -> SacrebleuCaseChecks.checkVariants(c);
      case "rouge" -> RougeCaseChecks.checkScore(c);
      case "rouge_tokenize" -> RougeCaseChecks.checkTokenize(c);
      case "rouge_internal_lcs" -> RougeCaseChecks.checkInternalLcs(c);
      case "rouge_bootstrap" -> RougeCaseChecks.checkBootstrap(c);
      default -> throw new AssertionError("Case " + c.id() + " has unknown metric "
          + c.metric() + ": add a check for it.");
    }
  }

  /** Checks that the recorded reason holds, so the list cannot hide a runnable case. */
  private static void checkNotApplicable(MetricCase c) {
    if (c.id().equals("rs-rougeLsum-split-nltk")) {
      assertTrue(c.flag("split_summaries", false), NOT_APPLICABLE.get(c.id()));
      return;
    }
    boolean inputsAreFileReferences = c.inputs().has("target_ref")
        || c.inputs().has("targets_ref");
    assertTrue(inputsAreFileReferences, NOT_APPLICABLE.get(c.id()));
  }
}
