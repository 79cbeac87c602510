package org.gqaspark.generation;

/**
 * The outcome of one decoder step on the host: logits [R, V] and their log-normalisers
 * [R], from which log-probabilities follow as {@code logits[r, v] - logSumExp[r]}.
 *
 * <p>Dimensions: R decoder rows, V vocabulary.
 */
record StepScores(float[] logits, float[] logSumExp, int vocab) {

  /** Returns log p(token | row's prefix), in double. */
  double logProbability(int row, int token) {
    return (double) logits[row * vocab + token] - logSumExp[row];
  }

  /**
   * Returns the token with the largest logit of a row, the lowest id among equals (as
   * {@code torch.argmax}), skipping {@code blocked} (-1 for none).
   */
  int argmax(int row, int blocked) {
    int offset = row * vocab;
    int best = -1;
    float bestValue = Float.NEGATIVE_INFINITY;
    for (int v = 0; v < vocab; v++) {
      float value = logits[offset + v];
      if (v != blocked && (best < 0 || value > bestValue)) {
        best = v;
        bestValue = value;
      }
    }
    return best;
  }
}
