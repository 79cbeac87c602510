package org.gqaspark.generation;

import java.util.Arrays;

/**
 * One generated sequence.
 *
 * @param tokens generated ids, without the decoder start token and with the end-of-sequence
 *     token last when {@code finished}
 * @param logProbability sum of the log-probabilities of the tokens under the model
 * @param score {@code logProbability / tokens.length^lengthPenalty}, by which beam search
 *     ranks sequences
 * @param finished whether the sequence ends with the end-of-sequence token (otherwise it
 *     stopped at the maximum length)
 */
public record GeneratedSequence(int[] tokens, double logProbability, double score,
    boolean finished) {

  public GeneratedSequence {
    tokens = tokens.clone();
  }

  @Override
  public int[] tokens() {
    return tokens.clone();
  }

  public int length() {
    return tokens.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GeneratedSequence sequence && Arrays.equals(tokens, sequence.tokens)
        && Double.compare(logProbability, sequence.logProbability) == 0
        && Double.compare(score, sequence.score) == 0 && finished == sequence.finished;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(tokens) * 31 + Double.hashCode(score);
  }

  @Override
  public String toString() {
    return "GeneratedSequence" + Arrays.toString(tokens) + " score " + score
        + (finished ? "" : " (unfinished)");
  }
}
