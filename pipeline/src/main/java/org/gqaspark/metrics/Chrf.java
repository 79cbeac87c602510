package org.gqaspark.metrics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * chrF (Popović, 2015) and chrF++ (Popović, 2017) with sacreBLEU 2.6.0's semantics. Character
 * n-grams are taken over the text without whitespace, and word n-grams over whitespace tokens
 * with one leading or trailing ASCII punctuation mark split off. With several references a
 * segment keeps the statistics of the reference with the best F score (the first on a tie).
 */
public final class Chrf implements Serializable {

  private static final long serialVersionUID = 1L;

  /** sacreBLEU's epsilon for empty orders. */
  private static final double EPSILON = 1e-16;

  /** Python's {@code string.punctuation}, which chrF++ splits off word edges. */
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private final ChrfOptions options;

  public Chrf(ChrfOptions options) {
    this.options = options;
  }

  public ChrfOptions options() {
    return options;
  }

  /** Returns the metric's name as sacreBLEU prints it: "chrF2", or "chrF2++" with word bigrams. */
  public String name() {
    return "chrF" + options.beta() + "+".repeat(options.wordOrder());
  }

  /**
   * Counts the statistics of one segment against the best of its references.
   *
   * @param references the segment's references; null entries are absent references, and at
   *     least one must be non-null
   */
  public ChrfStats segmentStatistics(String hypothesis, List<String> references) {
    return segmentStatistics(hypothesis, references, -1);
  }

  ChrfStats segmentStatistics(String hypothesis, List<String> references, long segment) {
    CorpusInput.requireHypothesis(hypothesis, segment);
    List<String> present = CorpusInput.presentReferences(references, segment);
    List<Map<String, Integer>> hypothesisNgrams = ngrams(hypothesis);

    long[] best = null;
    double bestScore = -1.0;
    for (String reference : present) {
      List<Map<String, Integer>> referenceNgrams = ngrams(reference);
      long[] counts = new long[3 * options.orders()];
      for (int order = 0; order < options.orders(); order++) {
        Map<String, Integer> hypothesisOrder = hypothesisNgrams.get(order);
        Map<String, Integer> referenceOrder = referenceNgrams.get(order);
        counts[3 * order] = referenceOrder.isEmpty() ? 0 : NgramCounts.total(hypothesisOrder);
        counts[3 * order + 1] = NgramCounts.total(referenceOrder);
        counts[3 * order + 2] = NgramCounts.clippedMatches(hypothesisOrder, referenceOrder);
      }
      double score = fScore(counts);
      if (score > bestScore) {
        bestScore = score;
        best = counts;
      }
    }
    return new ChrfStats(best, ReferenceCount.of(present.size()));
  }

  /** Returns the character n-gram counts, then the word n-gram counts, one map per order. */
  private List<Map<String, Integer>> ngrams(String segment) {
    String text = options.lowercase() ? PythonText.lower(segment) : segment;
    List<Map<String, Integer>> ngrams = new ArrayList<>(options.orders());

    String characters = options.whitespace() ? text : PythonText.removeWhitespace(text);
    int[] offsets = codePointOffsets(characters);
    int length = offsets.length - 1;
    for (int n = 1; n <= options.charOrder(); n++) {
      Map<String, Integer> counts = new HashMap<>();
      for (int i = 0; i + n <= length; i++) {
        counts.merge(characters.substring(offsets[i], offsets[i + n]), 1, Integer::sum);
      }
      ngrams.add(counts);
    }

    if (options.wordOrder() > 0) {
      ngrams.addAll(NgramCounts.count(splitEdgePunctuation(text), options.wordOrder()));
    }
    return ngrams;
  }

  /** Returns the UTF-16 offset of every code point, plus the string length at the end. */
  private static int[] codePointOffsets(String text) {
    int[] offsets = new int[text.codePointCount(0, text.length()) + 1];
    int offset = 0;
    for (int i = 0; i < offsets.length - 1; i++) {
      offsets[i] = offset;
      offset += Character.charCount(text.codePointAt(offset));
    }
    offsets[offsets.length - 1] = text.length();
    return offsets;
  }

  /**
   * Splits on whitespace, then splits a trailing ASCII punctuation mark off each word of two or
   * more characters, or else a leading one, as sacreBLEU's {@code _remove_punctuation}.
   */
  static List<String> splitEdgePunctuation(String text) {
    List<String> words = new ArrayList<>();
    for (String word : PythonText.split(text)) {
      int first = word.codePointAt(0);
      int last = word.codePointBefore(word.length());
      if (word.codePointCount(0, word.length()) == 1) {
        words.add(word);
      } else if (isPunctuation(last)) {
        int lastStart = word.length() - Character.charCount(last);
        words.add(word.substring(0, lastStart));
        words.add(word.substring(lastStart));
      } else if (isPunctuation(first)) {
        int firstEnd = Character.charCount(first);
        words.add(word.substring(0, firstEnd));
        words.add(word.substring(firstEnd));
      } else {
        words.add(word);
      }
    }
    return words;
  }

  private static boolean isPunctuation(int codePoint) {
    return codePoint < 128 && PUNCTUATION.indexOf(codePoint) >= 0;
  }

  /**
   * Returns the F-beta score in [0, 100] of summed statistics: the pure function from
   * statistics to chrF, as sacreBLEU's {@code _compute_f_score}.
   */
  public double fScore(long[] counts) {
    int orders = options.orders();
    double factor = (double) options.beta() * options.beta();
    double epsSum = 0.0;
    double precisionSum = 0.0;
    double recallSum = 0.0;
    int effectiveOrder = 0;
    for (int order = 0; order < orders; order++) {
      long hypothesisCount = counts[3 * order];
      long referenceCount = counts[3 * order + 1];
      long matchCount = counts[3 * order + 2];
      double precision = hypothesisCount > 0 ? (double) matchCount / hypothesisCount : EPSILON;
      double recall = referenceCount > 0 ? (double) matchCount / referenceCount : EPSILON;
      double denominator = factor * precision + recall;
      epsSum += denominator > 0 ? (1 + factor) * precision * recall / denominator : EPSILON;
      if (hypothesisCount > 0 && referenceCount > 0) {
        precisionSum += precision;
        recallSum += recall;
        effectiveOrder++;
      }
    }

    if (options.epsSmoothing()) {
      return 100 * epsSum / orders;
    }
    double averagePrecision = effectiveOrder == 0 ? 0.0 : precisionSum / effectiveOrder;
    double averageRecall = effectiveOrder == 0 ? 0.0 : recallSum / effectiveOrder;
    if (averagePrecision + averageRecall == 0) {
      return 0.0;
    }
    double score = (1 + factor) * averagePrecision * averageRecall;
    score /= factor * averagePrecision + averageRecall;
    return 100 * score;
  }

  /** Scores summed statistics. */
  public ChrfScore score(ChrfStats stats) {
    return score(stats, null);
  }

  /** Scores summed statistics, with the bootstrap settings in the signature when not null. */
  public ChrfScore score(ChrfStats stats, Bootstrap bootstrap) {
    if (stats.references().max() == 0) {
      throw MetricErrors.emptyCorpus();
    }
    if (stats.counts().length != 3 * options.orders()) {
      throw MetricErrors.invalidOption("char_order + word_order", stats.counts().length / 3,
          options.orders() + " as the statistics were counted with");
    }
    return new ChrfScore(fScore(stats.counts()), name(), signature(stats.references(), bootstrap));
  }

  /** Returns the statistics of every segment of a corpus in sacreBLEU's layout. */
  public List<ChrfStats> corpusStatistics(List<String> hypotheses,
      List<? extends List<String>> referenceStreams) {
    List<List<String>> references = CorpusInput.referencesPerSegment(hypotheses, referenceStreams);
    List<ChrfStats> stats = new ArrayList<>(hypotheses.size());
    for (int segment = 0; segment < hypotheses.size(); segment++) {
      stats.add(segmentStatistics(hypotheses.get(segment), references.get(segment), segment));
    }
    return stats;
  }

  /** Scores a corpus given in sacreBLEU's layout: one list per reference stream. */
  public ChrfScore corpusScore(List<String> hypotheses,
      List<? extends List<String>> referenceStreams) {
    return score(corpusStatistics(hypotheses, referenceStreams).stream()
        .reduce(ChrfStats.zero(options.orders()), ChrfStats::plus));
  }

  /** Scores one segment against its references. */
  public ChrfScore sentenceScore(String hypothesis, List<String> references) {
    return score(segmentStatistics(hypothesis, references));
  }

  /** Returns the signature, for example "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:gqa-0.1.0". */
  public String signature(ReferenceCount references, Bootstrap bootstrap) {
    return Signatures.build(references, bootstrap,
        "case", options.lowercase() ? "lc" : "mixed",
        "eff", Signatures.yesNo(!options.epsSmoothing()),
        "nc", Integer.toString(options.charOrder()),
        "nw", Integer.toString(options.wordOrder()),
        "space", Signatures.yesNo(options.whitespace()));
  }
}
