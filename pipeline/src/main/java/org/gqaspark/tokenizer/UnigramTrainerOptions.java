package org.gqaspark.tokenizer;

/**
 * Settings of the unigram vocabulary trainer. Names and defaults follow the sentencepiece
 * trainer flags (version 0.1.97) where one exists.
 *
 * @param vocabSize pieces in the written model: pad, EOS, unknown, sentinels and learnt pieces
 * @param characterCoverage share of character occurrences that the vocabulary must cover with
 *     single-character pieces; rarer characters become unknown ({@code character_coverage})
 * @param maxPieceLength maximum piece length in characters ({@code max_sentencepiece_length})
 * @param seedSize pieces that EM starts from: all characters plus the most frequent substrings
 *     ({@code seed_sentencepiece_size})
 * @param shrinkingFactor share of pieces that each pruning round keeps ({@code shrinking_factor})
 * @param subIterations EM iterations between pruning rounds ({@code num_sub_iterations})
 * @param maxSentenceBytes longer input lines, in UTF-8 bytes, are skipped
 *     ({@code max_sentence_length})
 * @param sentinelCount T5 sentinels {@code <extra_id_N>} written as the top ids, {@code
 *     <extra_id_0>} last; 0 leaves them to {@link SentencePieceTokenizer#load}, which appends
 *     T5's 100 after the pieces
 * @param splitByUnicodeScript whether a piece may not mix scripts (Latin, Han, ...)
 * @param splitByNumber whether digits may not join letters in a piece
 * @param splitDigits whether every digit is a piece of its own
 * @param addDummyPrefix whether the normaliser puts a space before each line, as T5 was trained
 * @param threads driver threads for EM and pruning
 * @param requiredChars characters that must be single-character pieces whatever their frequency
 */
public record UnigramTrainerOptions(
    int vocabSize,
    float characterCoverage,
    int maxPieceLength,
    int seedSize,
    float shrinkingFactor,
    int subIterations,
    int maxSentenceBytes,
    int sentinelCount,
    boolean splitByUnicodeScript,
    boolean splitByNumber,
    boolean splitDigits,
    boolean addDummyPrefix,
    int threads,
    String requiredChars) {

  /** Pad, EOS and unknown: the ids 0, 1 and 2 that T5 reserves. */
  static final int SPECIAL_PIECES = 3;

  public UnigramTrainerOptions {
    if (characterCoverage <= 0 || characterCoverage > 1) {
      throw TokenizerErrors.invalidOption("characterCoverage", characterCoverage, "in (0, 1]");
    }
    if (maxPieceLength < 1) {
      throw TokenizerErrors.invalidOption("maxPieceLength", maxPieceLength, ">= 1");
    }
    if (shrinkingFactor <= 0 || shrinkingFactor >= 1) {
      throw TokenizerErrors.invalidOption("shrinkingFactor", shrinkingFactor, "in (0, 1)");
    }
    if (subIterations < 1) {
      throw TokenizerErrors.invalidOption("subIterations", subIterations, ">= 1");
    }
    if (maxSentenceBytes < 1) {
      throw TokenizerErrors.invalidOption("maxSentenceBytes", maxSentenceBytes, ">= 1");
    }
    if (sentinelCount < 0) {
      throw TokenizerErrors.invalidOption("sentinelCount", sentinelCount, ">= 0");
    }
    if (threads < 1) {
      throw TokenizerErrors.invalidOption("threads", threads, ">= 1");
    }
    if (requiredChars == null) {
      throw TokenizerErrors.invalidOption("requiredChars", null, "a string (may be empty)");
    }
    int minimum = SPECIAL_PIECES + sentinelCount + 1;
    if (vocabSize < minimum) {
      throw TokenizerErrors.invalidOption("vocabSize", vocabSize, ">= " + minimum
          + " (pad, EOS, unknown, " + sentinelCount + " sentinels and one learnt piece)");
    }
    if (seedSize < 1) {
      throw TokenizerErrors.invalidOption("seedSize", seedSize, ">= 1");
    }
  }

  /** Returns the library's defaults for a vocabulary of {@code vocabSize} pieces. */
  public static UnigramTrainerOptions defaults(int vocabSize) {
    return new UnigramTrainerOptions(vocabSize, 0.9995f, 16, 1_000_000, 0.75f, 2, 4192, 0,
        true, true, false, true, Runtime.getRuntime().availableProcessors(), "");
  }

  /** Returns the number of pieces to learn: all but the special pieces and sentinels. */
  int learntPieces() {
    return vocabSize - SPECIAL_PIECES - sentinelCount;
  }

  public UnigramTrainerOptions withCharacterCoverage(float value) {
    return new UnigramTrainerOptions(vocabSize, value, maxPieceLength, seedSize, shrinkingFactor,
        subIterations, maxSentenceBytes, sentinelCount, splitByUnicodeScript, splitByNumber,
        splitDigits, addDummyPrefix, threads, requiredChars);
  }

  public UnigramTrainerOptions withMaxPieceLength(int value) {
    return new UnigramTrainerOptions(vocabSize, characterCoverage, value, seedSize,
        shrinkingFactor, subIterations, maxSentenceBytes, sentinelCount, splitByUnicodeScript,
        splitByNumber, splitDigits, addDummyPrefix, threads, requiredChars);
  }

  public UnigramTrainerOptions withSeedSize(int value) {
    return new UnigramTrainerOptions(vocabSize, characterCoverage, maxPieceLength, value,
        shrinkingFactor, subIterations, maxSentenceBytes, sentinelCount, splitByUnicodeScript,
        splitByNumber, splitDigits, addDummyPrefix, threads, requiredChars);
  }

  public UnigramTrainerOptions withMaxSentenceBytes(int value) {
    return new UnigramTrainerOptions(vocabSize, characterCoverage, maxPieceLength, seedSize,
        shrinkingFactor, subIterations, value, sentinelCount, splitByUnicodeScript, splitByNumber,
        splitDigits, addDummyPrefix, threads, requiredChars);
  }

  public UnigramTrainerOptions withSentinelCount(int value) {
    return new UnigramTrainerOptions(vocabSize, characterCoverage, maxPieceLength, seedSize,
        shrinkingFactor, subIterations, maxSentenceBytes, value, splitByUnicodeScript,
        splitByNumber, splitDigits, addDummyPrefix, threads, requiredChars);
  }

  public UnigramTrainerOptions withAddDummyPrefix(boolean value) {
    return new UnigramTrainerOptions(vocabSize, characterCoverage, maxPieceLength, seedSize,
        shrinkingFactor, subIterations, maxSentenceBytes, sentinelCount, splitByUnicodeScript,
        splitByNumber, splitDigits, value, threads, requiredChars);
  }

  public UnigramTrainerOptions withThreads(int value) {
    return new UnigramTrainerOptions(vocabSize, characterCoverage, maxPieceLength, seedSize,
        shrinkingFactor, subIterations, maxSentenceBytes, sentinelCount, splitByUnicodeScript,
        splitByNumber, splitDigits, addDummyPrefix, value, requiredChars);
  }

  public UnigramTrainerOptions withRequiredChars(String value) {
    return new UnigramTrainerOptions(vocabSize, characterCoverage, maxPieceLength, seedSize,
        shrinkingFactor, subIterations, maxSentenceBytes, sentinelCount, splitByUnicodeScript,
        splitByNumber, splitDigits, addDummyPrefix, threads, value);
  }

  public UnigramTrainerOptions withSplitDigits(boolean value) {
    return new UnigramTrainerOptions(vocabSize, characterCoverage, maxPieceLength, seedSize,
        shrinkingFactor, subIterations, maxSentenceBytes, sentinelCount, splitByUnicodeScript,
        splitByNumber, value, addDummyPrefix, threads, requiredChars);
  }
}
