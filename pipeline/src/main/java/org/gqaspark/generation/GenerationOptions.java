package org.gqaspark.generation;

/**
 * Options of {@link Generator#generate}, named after the fields of Hugging Face's
 * {@code GenerationConfig}.
 *
 * @param maxNewTokens maximum number of generated tokens per sequence, the end-of-sequence
 *     token included; also the number of decoder steps when {@code ignoreEos} is set
 * @param minNewTokens the end-of-sequence token cannot be generated before this many tokens
 *     ({@code min_new_tokens}); 0 for no minimum
 * @param numBeams beams per source row; 1 is greedy search
 * @param lengthPenalty alpha of the sequence score {@code sum of log-probabilities /
 *     length^alpha}, with length the number of generated tokens (end-of-sequence included):
 *     above 0 favours longer sequences, below 0 shorter ones
 * @param earlyStopping when beam search stops for a source row
 * @param numReturnSequences sequences returned per source row, best first; at most
 *     {@code numBeams}
 * @param ignoreEos whether the end-of-sequence token is an ordinary token, so that every
 *     sequence gets exactly {@code maxNewTokens} tokens (benchmarks)
 */
public record GenerationOptions(int maxNewTokens, int minNewTokens, int numBeams,
    double lengthPenalty, EarlyStopping earlyStopping, int numReturnSequences,
    boolean ignoreEos) {

  /** Hugging Face's default length penalty: the mean log-probability per token. */
  public static final double DEFAULT_LENGTH_PENALTY = 1.0;

  public GenerationOptions {
    if (maxNewTokens < 1) {
      throw GenerationErrors.invalidOption("maxNewTokens", maxNewTokens, "at least 1");
    }
    if (minNewTokens < 0 || minNewTokens > maxNewTokens) {
      throw GenerationErrors.invalidOption("minNewTokens", minNewTokens,
          "in [0, maxNewTokens = " + maxNewTokens + "]");
    }
    if (numBeams < 1) {
      throw GenerationErrors.invalidOption("numBeams", numBeams, "at least 1");
    }
    if (!Double.isFinite(lengthPenalty)) {
      throw GenerationErrors.invalidOption("lengthPenalty", lengthPenalty, "a finite number");
    }
    if (earlyStopping == null) {
      throw GenerationErrors.invalidOption("earlyStopping", null,
          "FIRST_COMPLETE, HEURISTIC or NEVER");
    }
    if (numReturnSequences < 1 || numReturnSequences > numBeams) {
      throw GenerationErrors.invalidOption("numReturnSequences", numReturnSequences,
          "in [1, numBeams = " + numBeams + "]");
    }
  }

  /** Returns greedy search options with Hugging Face's defaults for the rest. */
  public static GenerationOptions greedy(int maxNewTokens) {
    return new GenerationOptions(maxNewTokens, 0, 1, DEFAULT_LENGTH_PENALTY,
        EarlyStopping.HEURISTIC, 1, false);
  }

  /** Returns beam search options with Hugging Face's defaults for the rest. */
  public static GenerationOptions beamSearch(int numBeams, int maxNewTokens) {
    return new GenerationOptions(maxNewTokens, 0, numBeams, DEFAULT_LENGTH_PENALTY,
        EarlyStopping.HEURISTIC, 1, false);
  }

  public GenerationOptions withMinNewTokens(int tokens) {
    return new GenerationOptions(maxNewTokens, tokens, numBeams, lengthPenalty, earlyStopping,
        numReturnSequences, ignoreEos);
  }

  public GenerationOptions withLengthPenalty(double alpha) {
    return new GenerationOptions(maxNewTokens, minNewTokens, numBeams, alpha, earlyStopping,
        numReturnSequences, ignoreEos);
  }

  public GenerationOptions withEarlyStopping(EarlyStopping mode) {
    return new GenerationOptions(maxNewTokens, minNewTokens, numBeams, lengthPenalty, mode,
        numReturnSequences, ignoreEos);
  }

  public GenerationOptions withNumReturnSequences(int sequences) {
    return new GenerationOptions(maxNewTokens, minNewTokens, numBeams, lengthPenalty,
        earlyStopping, sequences, ignoreEos);
  }

  public GenerationOptions withIgnoreEos(boolean ignore) {
    return new GenerationOptions(maxNewTokens, minNewTokens, numBeams, lengthPenalty,
        earlyStopping, numReturnSequences, ignore);
  }

  /** Returns the score of a sequence: {@code logProbability / length^lengthPenalty}. */
  public double score(double logProbability, int length) {
    return logProbability / Math.pow(length, lengthPenalty);
  }
}
