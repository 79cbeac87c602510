package org.gqaspark.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.function.Executable;

/** Checks of the ROUGE reference cases against this package. */
final class RougeCaseChecks {

  private static final List<String> ALL_TYPES = List.of("rouge1", "rouge2", "rougeL", "rougeLsum");
  private static final String[] MEASURES = {"precision", "recall", "fmeasure"};
  private static final ObjectMapper JSON = new ObjectMapper();

  private RougeCaseChecks() {}

  /** Checks a {@code metric: rouge} case: one prediction against one or several targets. */
  static void checkScore(MetricCase c) {
    List<String> typeNames = c.options().has("rouge_types")
        ? MetricCase.strings(c.options().get("rouge_types")) : ALL_TYPES;
    boolean stem = c.flag("use_stemmer", false);
    if (c.expected().has("raises")) {
      assertThrows(MetricErrors.InvalidMetricInputException.class,
          () -> RougeOptions.of(typeNames, stem), "invalid ROUGE type");
      return;
    }
    Rouge rouge = new Rouge(RougeOptions.of(typeNames, stem));
    String prediction = text(c, c.inputs().get("prediction"));
    JsonNode target = c.inputs().has("targets") ? c.inputs().get("targets")
        : c.inputs().get("target");
    Map<RougeType, PrfScore> scores;
    if (target.isArray()) {
      List<String> targets = new ArrayList<>();
      target.forEach(t -> targets.add(text(c, t)));
      scores = rouge.scoreMulti(targets, prediction);
    } else {
      scores = rouge.score(text(c, target), prediction);
    }

    if (c.expected().has("result_keys")) {
      assertEquals(MetricCase.strings(c.expected().get("result_keys")),
          scores.keySet().stream().map(RougeType::name).toList(), "result keys");
      return;
    }
    assertAll(expectedScores(c.expected(), scores, c.tolerance(), ""));
  }

  /** Returns the input text; the generated cases write a newline as the two characters \n. */
  private static String text(MetricCase c, JsonNode value) {
    String text = value.asText();
    return c.inputs().has("sentence_separator_in_text") ? text.replace("\\n", "\n") : text;
  }

  private static List<Executable> expectedScores(JsonNode expected,
      Map<RougeType, PrfScore> scores, double tolerance, String prefix) {
    List<Executable> checks = new ArrayList<>();
    Iterator<String> types = expected.fieldNames();
    while (types.hasNext()) {
      String type = types.next();
      JsonNode measures = expected.get(type);
      PrfScore score = scores.get(RougeType.parse(type));
      for (String measure : MEASURES) {
        if (measures.has(measure)) {
          checks.add(() -> assertEquals(measures.get(measure).asDouble(), value(score, measure),
              tolerance, prefix + type + " " + measure));
        }
      }
    }
    return checks;
  }

  private static double value(PrfScore score, String measure) {
    switch (measure) {
      case "precision":
        return score.precision();
      case "recall":
        return score.recall();
      default:
        return score.fmeasure();
    }
  }

  /** Checks a {@code metric: rouge_tokenize} case. */
  static void checkTokenize(MetricCase c) {
    RougeTokenizer tokenizer = new RougeTokenizer(c.flag("use_stemmer", false));
    assertEquals(MetricCase.strings(c.expected().get("tokens")),
        tokenizer.tokenize(c.inputs().get("text").asText()), "tokens");
  }

  /** Checks a {@code metric: rouge_internal_lcs} case: rouge-score's LCS helpers on integer tokens. */
  static void checkInternalLcs(MetricCase c) {
    JsonNode inputs = c.inputs();
    JsonNode expected = c.expected();
    if (inputs.has("can")) {
      int[] ref = ints(inputs.get("ref"));
      int[] can = ints(inputs.get("can"));
      int[] indexes = Lcs.backtrack(ref, can);
      int[] noMatch = Lcs.backtrack(ref, ints(inputs.get("can_nomatch")));
      assertAll(
          () -> assertEquals(expected.get("lcs_len").asInt(), Lcs.length(ref, can), "lcs_len"),
          () -> assertArrayEquals(ints(expected.get("backtrack_ref_indices")), indexes,
              "backtrack_ref_indices"),
          () -> assertArrayEquals(ints(expected.get("lcs_values")),
              IntStream.of(indexes).map(i -> ref[i]).toArray(), "lcs_values"),
          () -> assertEquals(expected.get("nomatch_len").asInt(),
              Lcs.length(ref, ints(inputs.get("can_nomatch"))), "nomatch_len"),
          () -> assertArrayEquals(ints(expected.get("nomatch_indices")), noMatch,
              "nomatch_indices"));
    } else if (inputs.has("ref")) {
      int[] ref = ints(inputs.get("ref"));
      List<int[]> candidates = new ArrayList<>();
      inputs.get("cands").forEach(candidate -> candidates.add(ints(candidate)));
      int[] union = unionIndexes(ref, candidates);
      assertAll(
          () -> assertArrayEquals(ints(expected.get("union_lcs")),
              IntStream.of(union).map(i -> ref[i]).toArray(), "union_lcs"),
          () -> assertArrayEquals(ints(expected.get("find_union([[0,1],[0,2,4]])")), union,
              "union indexes"));
    } else {
      PrfScore score = Rouge.summaryLevelLcs(tokenLists(inputs.get("refs")),
          tokenLists(inputs.get("cands")));
      PrfScore empty = Rouge.summaryLevelLcs(tokenLists(inputs.get("refs2")),
          tokenLists(inputs.get("cands2")));
      assertAll(
          () -> assertEquals(expected.get("recall").asDouble(), score.recall(), c.tolerance(),
              "recall"),
          () -> assertEquals(expected.get("precision").asDouble(), score.precision(),
              c.tolerance(), "precision"),
          () -> assertEquals(expected.get("fmeasure").asDouble(), score.fmeasure(),
              c.tolerance(), "fmeasure"),
          () -> assertEquals(expected.get("recall2").asDouble(), empty.recall(), c.tolerance(),
              "recall with an empty candidate"));
    }
  }

  private static int[] unionIndexes(int[] ref, List<int[]> candidates) {
    boolean[] inUnion = new boolean[ref.length];
    for (int[] candidate : candidates) {
      for (int index : Lcs.backtrack(ref, candidate)) {
        inUnion[index] = true;
      }
    }
    return IntStream.range(0, ref.length).filter(i -> inUnion[i]).toArray();
  }

  private static List<List<String>> tokenLists(JsonNode arrays) {
    List<List<String>> lists = new ArrayList<>();
    arrays.forEach(array -> lists.add(MetricCase.strings(array)));
    return lists;
  }

  private static int[] ints(JsonNode array) {
    int[] values = new int[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asInt();
    }
    return values;
  }

  /**
   * Checks a {@code metric: rouge_bootstrap} case: rouge-score's {@code BootstrapAggregator} after
   * {@code np.random.seed(seed)}, on given scores or on a scored corpus.
   */
  static void checkBootstrap(MetricCase c) {
    Bootstrap bootstrap = new Bootstrap(Integer.parseInt(c.option("n_samples", "1000")),
        Long.parseLong(c.option("numpy_seed", "12345")),
        Double.parseDouble(c.option("confidence_interval", "0.95")));
    if (c.inputs().has("scores_rouge1")) {
      List<Map<RougeType, PrfScore>> scores = new ArrayList<>();
      c.inputs().get("scores_rouge1").forEach(s -> scores.add(Map.of(RougeType.ROUGE_1,
          new PrfScore(s.get("precision").asDouble(), s.get("recall").asDouble(),
              s.get("fmeasure").asDouble()))));
      PrfInterval interval = BootstrapResampling.rougeIntervals(List.of(RougeType.ROUGE_1),
          scores, bootstrap).get(RougeType.ROUGE_1);
      JsonNode expected = c.expected().get("low_mid_high");
      List<Executable> checks = new ArrayList<>();
      for (String measure : MEASURES) {
        PrfScore[] bounds = {interval.low(), interval.mid(), interval.high()};
        for (int b = 0; b < 3; b++) {
          double actual = value(bounds[b], measure);
          double expectedValue = expected.get(measure).get(b).asDouble();
          String label = measure + " bound " + b;
          checks.add(() -> assertEquals(expectedValue, actual, c.tolerance(), label));
        }
      }
      assertAll(checks);
      return;
    }
    checkCorpusBootstrap(c, bootstrap);
  }

  private static void checkCorpusBootstrap(MetricCase c, Bootstrap bootstrap) {
    List<String> hypotheses = MetricCase.strings(c.inputs().get("hyps"));
    List<List<String>> references = CorpusInput.referencesPerSegment(hypotheses,
        MetricCase.stringLists(c.inputs().get("refs")));
    Rouge rouge = new Rouge(RougeOptions.of(ALL_TYPES, false));
    List<Map<RougeType, PrfScore>> perLine = new ArrayList<>();
    RougeStats sum = RougeStats.zero(rouge.options().types());
    for (int i = 0; i < hypotheses.size(); i++) {
      perLine.add(rouge.scoreMulti(references.get(i), hypotheses.get(i)));
      sum = sum.plus(rouge.segmentStatistics(hypotheses.get(i), references.get(i)));
    }
    Map<RougeType, PrfInterval> intervals = BootstrapResampling.rougeIntervals(
        rouge.options().types(), perLine, bootstrap);

    List<Executable> checks = new ArrayList<>();
    JsonNode expected = c.expected();
    for (int i = 0; i < perLine.size(); i++) {
      checks.addAll(expectedScores(expected.get("per_line").get(i), perLine.get(i),
          c.tolerance(), "line " + i + " "));
    }
    for (RougeType type : rouge.options().types()) {
      PrfScore mean = sum.mean(type);
      PrfInterval interval = intervals.get(type);
      JsonNode bounds = expected.get("bootstrap").get(type.name());
      checks.addAll(expectedScores(single(type, expected.get("mean").get(type.name())),
          Map.of(type, mean), c.tolerance(), "mean "));
      checks.addAll(expectedScores(single(type, bounds.get("low")), Map.of(type, interval.low()),
          c.tolerance(), "low "));
      checks.addAll(expectedScores(single(type, bounds.get("mid")), Map.of(type, interval.mid()),
          c.tolerance(), "mid "));
      checks.addAll(expectedScores(single(type, bounds.get("high")),
          Map.of(type, interval.high()), c.tolerance(), "high "));
    }
    assertAll(checks);
  }

  private static JsonNode single(RougeType type, JsonNode measures) {
    return JSON.createObjectNode().set(type.name(), measures);
  }
}
