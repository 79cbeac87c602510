package org.gqaspark.metrics;

import java.io.Serializable;

/**
 * chrF options with sacreBLEU 2.6.0's meaning and defaults (chrF2: character order 6, no word
 * n-grams, beta 2, whitespace removed, effective-order averaging).
 *
 * @param charOrder the highest character n-gram order
 * @param wordOrder the highest word n-gram order; 2 gives chrF++
 * @param beta recall weight: F-beta weighs recall beta times as much as precision
 * @param lowercase whether hypotheses and references are lower-cased first
 * @param whitespace whether character n-grams keep whitespace (sacreBLEU removes it by default)
 * @param epsSmoothing average per-order F scores with epsilon for empty orders, as chrF++.py,
 *     NLTK and Moses do, instead of sacreBLEU's default of averaging precision and recall over
 *     the orders that have n-grams
 */
public record ChrfOptions(int charOrder, int wordOrder, int beta, boolean lowercase,
    boolean whitespace, boolean epsSmoothing) implements Serializable {

  public ChrfOptions {
    if (charOrder < 0) {
      throw MetricErrors.invalidOption("char_order", charOrder, "at least 0");
    }
    if (wordOrder < 0) {
      throw MetricErrors.invalidOption("word_order", wordOrder, "at least 0");
    }
    if (charOrder + wordOrder < 1) {
      throw MetricErrors.invalidOption("char_order + word_order", charOrder + wordOrder,
          "at least 1");
    }
    if (beta < 0) {
      throw MetricErrors.invalidOption("beta", beta, "at least 0");
    }
  }

  /** Returns sacreBLEU's chrF defaults (chrF2). */
  public static ChrfOptions chrf() {
    return new ChrfOptions(6, 0, 2, false, false, false);
  }

  /** Returns sacreBLEU's chrF++ defaults: chrF2 with word bigrams. */
  public static ChrfOptions chrfPlusPlus() {
    return chrf().withWordOrder(2);
  }

  /** Returns the number of orders: character orders, then word orders. */
  public int orders() {
    return charOrder + wordOrder;
  }

  public ChrfOptions withCharOrder(int value) {
    return new ChrfOptions(value, wordOrder, beta, lowercase, whitespace, epsSmoothing);
  }

  public ChrfOptions withWordOrder(int value) {
    return new ChrfOptions(charOrder, value, beta, lowercase, whitespace, epsSmoothing);
  }

  public ChrfOptions withBeta(int value) {
    return new ChrfOptions(charOrder, wordOrder, value, lowercase, whitespace, epsSmoothing);
  }

  public ChrfOptions withLowercase(boolean value) {
    return new ChrfOptions(charOrder, wordOrder, beta, value, whitespace, epsSmoothing);
  }

  public ChrfOptions withWhitespace(boolean value) {
    return new ChrfOptions(charOrder, wordOrder, beta, lowercase, value, epsSmoothing);
  }

  public ChrfOptions withEpsSmoothing(boolean value) {
    return new ChrfOptions(charOrder, wordOrder, beta, lowercase, whitespace, value);
  }
}
