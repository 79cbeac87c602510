package org.gqaspark.metrics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BLEU (Papineni et al., 2002) with sacreBLEU 2.6.0's semantics: clipped n-gram matches
 * against the per-n-gram maximum over all references, the reference length closest to the
 * hypothesis length (the shorter one on a tie), smoothing and effective order as
 * {@code BLEU.compute_bleu}. Scores come from summed {@link BleuStats}, so a corpus score is
 * {@code score(sum of segmentStatistics)} wherever the segments were counted.
 */
public final class Bleu implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The logarithm that sacreBLEU uses for a zero precision. */
  private static final double LOG_OF_ZERO = -9999999999.0;

  private final BleuOptions options;

  public Bleu(BleuOptions options) {
    this.options = options;
  }

  public BleuOptions options() {
    return options;
  }

  /** Returns the tokens of a segment: lower-cased if configured, right-stripped, tokenized. */
  public List<String> tokens(String segment) {
    String text = options.lowercase() ? PythonText.lower(segment) : segment;
    return PythonText.split(options.tokenizer().tokenize(PythonText.rstrip(text)));
  }

  /**
   * Counts the statistics of one segment.
   *
   * @param references the segment's references; null entries are absent references, and at
   *     least one must be non-null
   */
  public BleuStats segmentStatistics(String hypothesis, List<String> references) {
    return segmentStatistics(hypothesis, references, -1);
  }

  BleuStats segmentStatistics(String hypothesis, List<String> references, long segment) {
    CorpusInput.requireHypothesis(hypothesis, segment);
    List<String> present = CorpusInput.presentReferences(references, segment);
    int maxOrder = options.maxNgramOrder();

    Map<String, Integer> referenceMax = new HashMap<>();
    List<Integer> referenceLengths = new ArrayList<>(present.size());
    for (String reference : present) {
      List<String> referenceTokens = tokens(reference);
      referenceLengths.add(referenceTokens.size());
      for (Map<String, Integer> orderCounts : NgramCounts.count(referenceTokens, maxOrder)) {
        orderCounts.forEach((ngram, count) -> referenceMax.merge(ngram, count, Math::max));
      }
    }

    List<String> hypothesisTokens = tokens(hypothesis);
    List<Map<String, Integer>> hypothesisCounts = NgramCounts.count(hypothesisTokens, maxOrder);
    long[] matches = new long[maxOrder];
    long[] totals = new long[maxOrder];
    for (int order = 0; order < maxOrder; order++) {
      totals[order] = NgramCounts.total(hypothesisCounts.get(order));
      matches[order] = NgramCounts.clippedMatches(hypothesisCounts.get(order), referenceMax);
    }

    int hypothesisLength = hypothesisTokens.size();
    return new BleuStats(hypothesisLength, closestLength(hypothesisLength, referenceLengths),
        matches, totals, ReferenceCount.of(present.size()));
  }

  /** Returns the reference length closest to the hypothesis length, the shorter on a tie. */
  static int closestLength(int hypothesisLength, List<Integer> referenceLengths) {
    int closest = -1;
    int closestDifference = Integer.MAX_VALUE;
    for (int length : referenceLengths) {
      int difference = Math.abs(hypothesisLength - length);
      if (difference < closestDifference
          || (difference == closestDifference && length < closest)) {
        closestDifference = difference;
        closest = length;
      }
    }
    return closest;
  }

  /** Scores summed statistics: the pure function from statistics to BLEU. */
  public BleuScore score(BleuStats stats) {
    return score(stats, null);
  }

  /** Scores summed statistics, with the bootstrap settings in the signature when not null. */
  public BleuScore score(BleuStats stats, Bootstrap bootstrap) {
    if (stats.references().max() == 0) {
      throw MetricErrors.emptyCorpus();
    }
    int maxOrder = options.maxNgramOrder();
    if (stats.matches().length != maxOrder) {
      throw MetricErrors.invalidOption("max_ngram_order", stats.matches().length,
          maxOrder + " as the statistics were counted with");
    }
    long hypothesisLength = stats.hypothesisLength();
    long referenceLength = stats.referenceLength();
    double brevityPenalty = 1.0;
    if (hypothesisLength < referenceLength) {
      brevityPenalty = hypothesisLength > 0
          ? Math.exp(1 - (double) referenceLength / hypothesisLength) : 0.0;
    }

    double[] precisions = new double[maxOrder];
    String signature = signature(stats.references(), bootstrap);
    if (isAllZero(stats.matches())) {
      return new BleuScore(0.0, stats.matches(), stats.totals(), precisions, brevityPenalty,
          hypothesisLength, referenceLength, signature);
    }

    int order = precisionsInto(precisions, stats.matches(), stats.totals());
    double logSum = 0;
    for (int n = 0; n < order; n++) {
      logSum += precisions[n] == 0 ? LOG_OF_ZERO : Math.log(precisions[n]);
    }
    double score = brevityPenalty * Math.exp(logSum / order);
    return new BleuScore(score, stats.matches(), stats.totals(), precisions, brevityPenalty,
        hypothesisLength, referenceLength, signature);
  }

  /**
   * Fills the smoothed precisions in percent and returns the number of orders that enter the
   * geometric mean: all orders, or with effective order those up to the last order that has
   * hypothesis n-grams (after add-k smoothing).
   */
  private int precisionsInto(double[] precisions, long[] matches, long[] totals) {
    SmoothMethod method = options.smoothMethod();
    double smoothValue = options.smoothValue();
    double expDenominator = 1.0;
    int effectiveOrder = precisions.length;
    for (int n = 1; n <= precisions.length; n++) {
      double correct = matches[n - 1];
      double total = totals[n - 1];
      if (method == SmoothMethod.ADD_K && n > 1) {
        correct += smoothValue;
        total += smoothValue;
      }
      if (total == 0) {
        break;
      }
      if (options.effectiveOrder()) {
        effectiveOrder = n;
      }
      if (correct == 0) {
        if (method == SmoothMethod.EXP) {
          expDenominator *= 2;
          precisions[n - 1] = 100.0 / (expDenominator * total);
        } else if (method == SmoothMethod.FLOOR) {
          precisions[n - 1] = 100.0 * smoothValue / total;
        }
      } else {
        precisions[n - 1] = 100.0 * correct / total;
      }
    }
    return effectiveOrder;
  }

  private static boolean isAllZero(long[] values) {
    for (long value : values) {
      if (value != 0) {
        return false;
      }
    }
    return true;
  }

  /** Scores a corpus given in sacreBLEU's layout: one list per reference stream. */
  public BleuScore corpusScore(List<String> hypotheses,
      List<? extends List<String>> referenceStreams) {
    return score(corpusStatistics(hypotheses, referenceStreams).stream()
        .reduce(BleuStats.zero(options.maxNgramOrder()), BleuStats::plus));
  }

  /** Returns the statistics of every segment of a corpus in sacreBLEU's layout. */
  public List<BleuStats> corpusStatistics(List<String> hypotheses,
      List<? extends List<String>> referenceStreams) {
    List<List<String>> references = CorpusInput.referencesPerSegment(hypotheses, referenceStreams);
    List<BleuStats> stats = new ArrayList<>(hypotheses.size());
    for (int segment = 0; segment < hypotheses.size(); segment++) {
      stats.add(segmentStatistics(hypotheses.get(segment), references.get(segment), segment));
    }
    return stats;
  }

  /** Scores one segment against its references; use effective order for sentence BLEU. */
  public BleuScore sentenceScore(String hypothesis, List<String> references) {
    return score(segmentStatistics(hypothesis, references));
  }

  /** Returns the signature, for example "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:gqa-0.1.0". */
  public String signature(ReferenceCount references, Bootstrap bootstrap) {
    String smoothing = options.smoothMethod().signatureName();
    if (options.smoothMethod().takesValue()) {
      smoothing += "[" + PythonFormat.fixed(options.smoothValue(), 2) + "]";
    }
    return Signatures.build(references, bootstrap,
        "case", options.lowercase() ? "lc" : "mixed",
        "eff", Signatures.yesNo(options.effectiveOrder()),
        "tok", options.tokenizer().signatureName(),
        "smooth", smoothing);
  }
}
