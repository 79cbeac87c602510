package org.gqaspark.model;

/**
 * Cross-entropy of one forward pass: the sum over counted target tokens and their number,
 * so that data-parallel workers can add both before dividing.
 */
public record LossResult(double sum, int tokens) {

  /** Mean loss per counted token, as Hugging Face reports it; NaN when no token counts. */
  public double mean() {
    return tokens == 0 ? Double.NaN : sum / tokens;
  }
}
