package org.gqaspark.metrics;

import java.io.Serializable;

/**
 * Precision, recall and F1, as rouge-score's {@code Score}.
 *
 * @param precision overlap over prediction size, in [0, 1]
 * @param recall overlap over target size, in [0, 1]
 * @param fmeasure 2PR / (P + R), or 0 when P + R is 0
 */
public record PrfScore(double precision, double recall, double fmeasure) implements Serializable {

  public static final PrfScore ZERO = new PrfScore(0, 0, 0);

  /** Returns the score with F computed from precision and recall as rouge-score does. */
  public static PrfScore of(double precision, double recall) {
    double fmeasure = precision + recall > 0
        ? 2 * precision * recall / (precision + recall) : 0.0;
    return new PrfScore(precision, recall, fmeasure);
  }
}
