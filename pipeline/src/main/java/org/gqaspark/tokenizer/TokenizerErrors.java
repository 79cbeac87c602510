package org.gqaspark.tokenizer;

/**
 * Builds every exception of the tokenizer package. Each message names what failed, the value
 * (and the file or byte offset where there is one), the limit, and what to do next.
 */
public final class TokenizerErrors {

  private TokenizerErrors() {}

  /** A SentencePiece model that cannot be parsed or that the sentencepiece library would reject. */
  public static final class InvalidModelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidModelException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** An id or piece that the vocabulary does not contain. */
  public static final class UnknownIdException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnknownIdException(String message) {
      super(message);
    }
  }

  /** An invalid option of the vocabulary trainer. */
  public static final class InvalidTrainerOptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidTrainerOptionException(String message) {
      super(message);
    }
  }

  /** A corpus from which the requested vocabulary cannot be trained. */
  public static final class TrainingFailedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    TrainingFailedException(String message) {
      super(message);
    }
  }

  /** Builds the error for protobuf bytes that end early or contain an invalid field. */
  public static InvalidModelException malformedProtobuf(
      String source, long offset, String problem) {
    return new InvalidModelException("Invalid SentencePiece model " + source + ": " + problem
        + " at byte " + offset + ". The file is truncated or not a ModelProto; re-download"
        + " or re-train the spiece.model.", null);
  }

  /** Builds the error for a well-formed ModelProto that the library rejects on load. */
  public static InvalidModelException invalidModel(String source, String problem) {
    return new InvalidModelException("Invalid SentencePiece model " + source + ": " + problem
        + " The sentencepiece library rejects this model too; fix or re-train it.", null);
  }

  /** Builds the error for a model type that this tokenizer does not implement (BPE, WORD, CHAR). */
  public static InvalidModelException unsupportedModelType(String source, int modelType) {
    return new InvalidModelException("Unsupported SentencePiece model " + source
        + ": trainer_spec.model_type must be 1 (UNIGRAM) but got " + modelType
        + ". Only unigram vocabularies, as T5 uses, are implemented.", null);
  }

  /** Builds the error for a precompiled_charsmap whose trie or string table is inconsistent. */
  public static InvalidModelException brokenCharsMap(String source, String problem) {
    return new InvalidModelException("Invalid normalizer in SentencePiece model " + source
        + ": precompiled_charsmap " + problem + ". Reuse the charsmap of a model that the"
        + " sentencepiece library loads.", null);
  }

  /** Builds the error for a model file or stream that could not be read. */
  public static InvalidModelException unreadableModel(String source, Exception cause) {
    return new InvalidModelException("Could not read SentencePiece model " + source + ": "
        + cause.getMessage(), cause);
  }

  /** Builds the error for an id outside [0, vocabSize). */
  public static UnknownIdException idOutOfRange(int id, int vocabSize) {
    return new UnknownIdException("Token id " + id + " is out of range: ids must be in [0, "
        + vocabSize + ") for this vocabulary. Check that the ids come from the same vocabulary.");
  }

  /** Builds the error for a sentinel index outside [0, sentinelCount). */
  public static UnknownIdException sentinelOutOfRange(int index, int sentinelCount) {
    return new UnknownIdException("Sentinel index " + index + " is out of range: this vocabulary"
        + " has " + sentinelCount + " sentinels <extra_id_0> .. <extra_id_"
        + (sentinelCount - 1) + ">. Use fewer noise spans per example.");
  }

  /** Builds the error for a negative count of appended sentinel ids. */
  public static IllegalArgumentException invalidExtraIds(int extraIds) {
    return new IllegalArgumentException("extraIds must be >= 0 but got " + extraIds
        + "; T5 appends 100 sentinel ids to its 32,000-piece model.");
  }

  /** Builds the error for an invalid trainer option value. */
  public static InvalidTrainerOptionException invalidOption(
      String option, Object value, String requirement) {
    return new InvalidTrainerOptionException("Invalid vocabulary trainer option: " + option
        + " must be " + requirement + " but got " + value + ".");
  }

  /** Builds the error for a corpus that yields no text after normalisation. */
  public static TrainingFailedException emptyCorpus(long lines, long skipped) {
    return new TrainingFailedException("No text left to train a vocabulary on: " + lines
        + " input lines, " + skipped + " skipped (empty after normalisation, over the maximum"
        + " sentence length, or containing U+2585). Check the input path and column.");
  }

  /** Builds the error for a vocabulary size that the required pieces alone exceed. */
  public static TrainingFailedException vocabularyTooSmall(int vocabSize, int required) {
    return new TrainingFailedException("Vocabulary size " + vocabSize + " is too small: the"
        + " special pieces, sentinels and required characters alone need " + required
        + ". Increase --vocab-size or lower --character-coverage.");
  }

  /** Builds the error for a vocabulary size that the corpus cannot fill. */
  public static TrainingFailedException vocabularyTooLarge(int vocabSize, int available) {
    return new TrainingFailedException("Vocabulary size " + vocabSize + " is too large for this"
        + " corpus: training found only " + available + " pieces. Set --vocab-size to at most "
        + available + " or train on more text.");
  }
}
