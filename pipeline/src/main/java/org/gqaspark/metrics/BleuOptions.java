package org.gqaspark.metrics;

import java.io.Serializable;
import java.util.Objects;

/**
 * BLEU options with sacreBLEU 2.6.0's meaning and defaults.
 *
 * @param tokenizer tokenization applied after lower-casing; sacreBLEU's default is 13a
 * @param lowercase whether hypotheses and references are lower-cased first
 * @param smoothMethod smoothing of zero n-gram precisions
 * @param smoothValue the value of {@link SmoothMethod#FLOOR} and {@link SmoothMethod#ADD_K};
 *     NaN for the methods that take none
 * @param maxNgramOrder the highest n-gram order, 4 in standard BLEU
 * @param effectiveOrder whether orders without any hypothesis n-gram are left out of the
 *     geometric mean, as sentence BLEU needs
 */
public record BleuOptions(BleuTokenizer tokenizer, boolean lowercase, SmoothMethod smoothMethod,
    double smoothValue, int maxNgramOrder, boolean effectiveOrder) implements Serializable {

  public BleuOptions {
    Objects.requireNonNull(tokenizer, "tokenizer");
    Objects.requireNonNull(smoothMethod, "smoothMethod");
    if (maxNgramOrder < 1) {
      throw MetricErrors.invalidOption("max_ngram_order", maxNgramOrder, "at least 1");
    }
    if (smoothMethod.takesValue() && !(smoothValue >= 0 && Double.isFinite(smoothValue))) {
      throw MetricErrors.invalidOption("smooth_value", smoothValue,
          "a finite number >= 0 for smooth_method " + smoothMethod.signatureName());
    }
    if (!smoothMethod.takesValue()) {
      smoothValue = Double.NaN;
    }
  }

  /** Returns sacreBLEU's corpus defaults: 13a, mixed case, exp smoothing, order 4, no effective order. */
  public static BleuOptions corpusDefaults() {
    return new BleuOptions(BleuTokenizer.THIRTEEN_A, false, SmoothMethod.EXP, Double.NaN, 4,
        false);
  }

  /** Returns sacreBLEU's {@code sentence_bleu} defaults: the corpus defaults with effective order. */
  public static BleuOptions sentenceDefaults() {
    return corpusDefaults().withEffectiveOrder(true);
  }

  public BleuOptions withTokenizer(BleuTokenizer value) {
    return new BleuOptions(value, lowercase, smoothMethod, smoothValue, maxNgramOrder,
        effectiveOrder);
  }

  public BleuOptions withLowercase(boolean value) {
    return new BleuOptions(tokenizer, value, smoothMethod, smoothValue, maxNgramOrder,
        effectiveOrder);
  }

  /** Returns these options with {@code method} at its default value. */
  public BleuOptions withSmoothing(SmoothMethod method) {
    return withSmoothing(method, method.defaultValue());
  }

  public BleuOptions withSmoothing(SmoothMethod method, double value) {
    return new BleuOptions(tokenizer, lowercase, method, value, maxNgramOrder, effectiveOrder);
  }

  public BleuOptions withMaxNgramOrder(int value) {
    return new BleuOptions(tokenizer, lowercase, smoothMethod, smoothValue, value,
        effectiveOrder);
  }

  public BleuOptions withEffectiveOrder(boolean value) {
    return new BleuOptions(tokenizer, lowercase, smoothMethod, smoothValue, maxNgramOrder,
        value);
  }
}
