package org.gqaspark.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.function.Executable;

/** Checks of the BLEU and chrF reference cases against this package. */
final class SacrebleuCaseChecks {

  private SacrebleuCaseChecks() {}

  /** Checks a {@code metric: bleu} case: corpus or sentence BLEU through sacreBLEU's API or CLI. */
  static void checkBleu(MetricCase c) throws IOException {
    BleuOptions options = bleuOptions(c);
    if (c.level().equals("sentence")) {
      BleuScore score = new Bleu(options).sentenceScore(c.inputs().get("hyp").asText(),
          MetricCase.strings(c.inputs().get("refs")));
      checkBleuExpected(c, score);
      return;
    }
    List<String> hypotheses = MetricCase.strings(c.inputs().get("hyps"));
    List<List<String>> streams = MetricCase.stringLists(c.inputs().get("refs"));
    if (c.option("api", "").startsWith("sacrebleu CLI")) {
      checkThroughFiles(c, options, hypotheses, streams);
      return;
    }
    checkBleuExpected(c, new Bleu(options).corpusScore(hypotheses, streams));
  }

  /**
   * Scores through segment files as sacreBLEU's command line reads them, and checks that a
   * carriage return inside a reference line is whitespace.
   */
  private static void checkThroughFiles(MetricCase c, BleuOptions options,
      List<String> hypotheses, List<List<String>> streams) throws IOException {
    Path folder = Files.createTempDirectory("bleu-cli-case");
    Path hypothesisFile = write(folder.resolve("hyp.txt"), hypotheses);
    List<List<String>> readStreams = new ArrayList<>();
    List<List<String>> streamsWithoutCr = new ArrayList<>();
    for (int i = 0; i < streams.size(); i++) {
      readStreams.add(SegmentFiles.readStrippedLines(
          write(folder.resolve("ref" + i + ".txt"), streams.get(i))));
      streamsWithoutCr.add(streams.get(i).stream()
          .map(line -> line.replace(" \r", "")).toList());
    }
    Bleu bleu = new Bleu(options);
    double score = bleu.corpusScore(SegmentFiles.readStrippedLines(hypothesisFile), readStreams)
        .score();
    double withoutCr = bleu.corpusScore(hypotheses, streamsWithoutCr).score();
    assertAll(
        () -> assertEquals(c.expected().get("score").asDouble(), score, c.tolerance(), "score"),
        () -> assertEquals(withoutCr, score, c.tolerance(), "score without the carriage return"));
  }

  private static Path write(Path file, List<String> lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  /** Checks a {@code metric: bleu_from_stats} case: {@code BLEU.compute_bleu} on given statistics. */
  static void checkBleuFromStats(MetricCase c) {
    long[] matches = MetricCase.longs(c.inputs().get("correct"));
    long[] totals = MetricCase.longs(c.inputs().get("total"));
    BleuStats stats = new BleuStats(c.inputs().get("sys_len").asLong(),
        c.inputs().get("ref_len").asLong(), matches, totals, ReferenceCount.of(1));
    BleuOptions options = withSmoothing(c, BleuOptions.corpusDefaults()
        .withTokenizer(BleuTokenizer.NONE).withMaxNgramOrder(matches.length));
    BleuScore score = new Bleu(options).score(stats);
    assertEquals(c.expected().get("score").asDouble(), score.score(), c.tolerance(), "score");
  }

  private static BleuOptions bleuOptions(MetricCase c) {
    BleuOptions defaults = c.level().equals("sentence") ? BleuOptions.sentenceDefaults()
        : BleuOptions.corpusDefaults();
    BleuOptions options = defaults
        .withTokenizer(BleuTokenizer.fromName(c.option("tokenize", "13a")))
        .withLowercase(c.flag("lowercase", false))
        .withEffectiveOrder(c.flag("effective_order", defaults.effectiveOrder()))
        .withMaxNgramOrder(Integer.parseInt(c.option("max_ngram_order", "4")));
    return withSmoothing(c, options);
  }

  /** Applies smooth_method and smooth_value; null or "default (...)" means the method's default. */
  private static BleuOptions withSmoothing(MetricCase c, BleuOptions options) {
    SmoothMethod method = SmoothMethod.fromName(c.option("smooth_method", "exp").split(" ")[0]);
    JsonNode value = c.options().get("smooth_value");
    if (value == null || !value.isNumber()) {
      return options.withSmoothing(method);
    }
    return options.withSmoothing(method, value.asDouble());
  }

  private static void checkBleuExpected(MetricCase c, BleuScore score) {
    List<Executable> checks = new ArrayList<>();
    JsonNode expected = c.expected();
    if (expected.has("score")) {
      checks.add(() -> assertEquals(expected.get("score").asDouble(), score.score(),
          c.tolerance(), "score"));
    }
    if (expected.has("score_2dp")) {
      checks.add(() -> assertEquals(expected.get("score_2dp").asText(),
          PythonFormat.fixed(score.score(), 2), "score to 2 decimals"));
    }
    if (expected.has("counts")) {
      checks.add(() -> assertArrayEquals(MetricCase.longs(expected.get("counts")),
          score.matches(), "counts"));
    }
    if (expected.has("totals")) {
      checks.add(() -> assertArrayEquals(MetricCase.longs(expected.get("totals")),
          score.totals(), "totals"));
    }
    assertAll(checks);
  }

  /** Checks a {@code metric: chrf} case. */
  static void checkChrf(MetricCase c) {
    boolean epsDefault = c.option("api", "").contains("eps_smoothing=True");
    ChrfOptions options = new ChrfOptions(
        Integer.parseInt(c.option("char_order", "6")),
        Integer.parseInt(c.option("word_order", "0")),
        Integer.parseInt(c.option("beta", "2")),
        false,
        !c.flag("remove_whitespace", true),
        c.flag("eps_smoothing", epsDefault));
    Chrf chrf = new Chrf(options);
    ChrfScore score = c.level().equals("sentence")
        ? chrf.sentenceScore(c.inputs().get("hyp").asText(),
            MetricCase.strings(c.inputs().get("refs")))
        : chrf.corpusScore(MetricCase.strings(c.inputs().get("hyps")),
            MetricCase.stringLists(c.inputs().get("refs")));
    assertEquals(c.expected().get("score").asDouble(), score.score(), c.tolerance(), "score");
  }

  /** Checks a {@code metric: bleu_tokenizer} case: one tokenizer on one string. */
  static void checkTokenizer(MetricCase c) {
    BleuTokenizer tokenizer = BleuTokenizer.fromName(c.option("tokenize", "13a"));
    String tokenized = tokenizer.tokenize(c.inputs().get("text").asText());
    assertAll(
        () -> assertEquals(c.expected().get("tokenized").asText(), tokenized, "tokenized"),
        () -> assertEquals(c.expected().get("n_tokens_after_str_split").asInt(),
            PythonText.split(tokenized).size(), "token count"));
  }

  /**
   * Checks a {@code metric: bleu+chrf} case: one corpus scored under every variant its expected
   * object names.
   */
  static void checkVariants(MetricCase c) {
    List<String> hypotheses = MetricCase.strings(c.inputs().get("hyps"));
    List<List<String>> streams = MetricCase.stringLists(c.inputs().get("refs"));
    JsonNode expected = c.expected();
    List<Executable> checks = new ArrayList<>();

    BleuOptions corpus = BleuOptions.corpusDefaults();
    checks.add(corpusVariant(expected.get("corpus_13a_exp"), corpus, hypotheses, streams));
    checks.add(corpusVariant(expected.get("corpus_13a_lc"), corpus.withLowercase(true),
        hypotheses, streams));
    checks.add(corpusVariant(expected.get("corpus_intl"),
        corpus.withTokenizer(BleuTokenizer.INTL), hypotheses, streams));
    checks.add(corpusVariant(expected.get("corpus_none"),
        corpus.withTokenizer(BleuTokenizer.NONE), hypotheses, streams));

    BleuOptions sentence = BleuOptions.sentenceDefaults();
    checks.add(sentenceVariant(expected.get("sentence_exp_effective"), sentence, hypotheses,
        streams));
    checks.add(sentenceVariant(expected.get("sentence_floor"),
        sentence.withSmoothing(SmoothMethod.FLOOR), hypotheses, streams));
    checks.add(sentenceVariant(expected.get("sentence_addk"),
        sentence.withSmoothing(SmoothMethod.ADD_K), hypotheses, streams));
    checks.add(sentenceVariant(expected.get("sentence_none"),
        sentence.withSmoothing(SmoothMethod.NONE), hypotheses, streams));

    checks.add(emptyReferenceAsNullVariant(c, expected.get("corpus_13a_empty_ref_as_None"),
        hypotheses, streams));

    ChrfOptions chrf = ChrfOptions.chrf();
    checks.add(chrfVariant(expected.get("chrf"), chrf, hypotheses, streams));
    checks.add(chrfVariant(expected.get("chrf++"), ChrfOptions.chrfPlusPlus(), hypotheses,
        streams));
    checks.add(chrfVariant(expected.get("chrf_eps"), chrf.withEpsSmoothing(true), hypotheses,
        streams));
    assertAll(checks);
  }

  private static Executable corpusVariant(JsonNode expected, BleuOptions options,
      List<String> hypotheses, List<List<String>> streams) {
    return () -> {
      BleuScore score = new Bleu(options).corpusScore(hypotheses, streams);
      String variant = options.tokenizer().signatureName() + (options.lowercase() ? " lc" : "");
      assertAll(
          () -> assertEquals(expected.get("score").asDouble(), score.score(),
              MetricCase.DEFAULT_TOLERANCE, variant + " score"),
          () -> assertArrayEquals(MetricCase.longs(expected.get("counts")), score.matches(),
              variant + " counts"),
          () -> assertArrayEquals(MetricCase.longs(expected.get("totals")), score.totals(),
              variant + " totals"),
          () -> assertEquals(expected.get("bp").asDouble(), score.brevityPenalty(),
              MetricCase.DEFAULT_TOLERANCE, variant + " bp"),
          () -> assertEquals(expected.get("sys_len").asLong(), score.hypothesisLength(),
              variant + " sys_len"),
          () -> assertEquals(expected.get("ref_len").asLong(), score.referenceLength(),
              variant + " ref_len"));
    };
  }

  private static Executable sentenceVariant(JsonNode expected, BleuOptions options,
      List<String> hypotheses, List<List<String>> streams) {
    return () -> {
      Bleu bleu = new Bleu(options);
      List<List<String>> references = CorpusInput.referencesPerSegment(hypotheses, streams);
      for (int i = 0; i < hypotheses.size(); i++) {
        assertEquals(expected.get(i).asDouble(),
            bleu.sentenceScore(hypotheses.get(i), references.get(i)).score(),
            MetricCase.DEFAULT_TOLERANCE,
            "sentence " + i + " smooth " + options.smoothMethod().signatureName());
      }
    };
  }

  /**
   * sacreBLEU drops None references; a segment left without any gets reference length -1
   * (or a TypeError when its hypothesis has n-grams). This package rejects such a segment, so
   * where sacreBLEU returned a number the variant must raise, and it is one of the counted
   * deviations in {@link MetricCasesTest}.
   */
  private static Executable emptyReferenceAsNullVariant(MetricCase c, JsonNode expected,
      List<String> hypotheses, List<List<String>> streams) {
    List<List<String>> withNulls = streams.stream()
        .map(stream -> stream.stream().map(line -> line.isEmpty() ? null : line).toList())
        .toList();
    Bleu bleu = new Bleu(BleuOptions.corpusDefaults());
    boolean segmentWithoutReference = CorpusInput.referencesPerSegment(hypotheses, withNulls)
        .stream().anyMatch(references -> references.stream().allMatch(r -> r == null));
    if (segmentWithoutReference) {
      if (!expected.isTextual()) {
        MetricCasesTest.recordDeviation(c.id() + ":corpus_13a_empty_ref_as_None");
      }
      return () -> assertThrows(MetricErrors.InvalidMetricInputException.class,
          () -> bleu.corpusScore(hypotheses, withNulls), "segment without any reference");
    }
    return () -> assertEquals(expected.asDouble(),
        bleu.corpusScore(hypotheses, withNulls).score(), MetricCase.DEFAULT_TOLERANCE,
        "empty references as null");
  }

  private static Executable chrfVariant(JsonNode expected, ChrfOptions options,
      List<String> hypotheses, List<List<String>> streams) {
    Function<ChrfOptions, String> name = o -> new Chrf(o).name()
        + (o.epsSmoothing() ? " eps" : "");
    return () -> assertEquals(expected.asDouble(),
        new Chrf(options).corpusScore(hypotheses, streams).score(),
        MetricCase.DEFAULT_TOLERANCE, name.apply(options));
  }
}
