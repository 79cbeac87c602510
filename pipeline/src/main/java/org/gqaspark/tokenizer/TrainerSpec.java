package org.gqaspark.tokenizer;

import java.io.Serializable;
import java.util.List;

/**
 * The {@code trainer_spec} of a SentencePiece model: how the vocabulary was trained and which
 * special pieces it has. Field numbers and defaults follow {@code sentencepiece_model.proto}
 * (sentencepiece 0.1.97). Fields without an accessor are kept unchanged when the model is
 * written again.
 */
public final class TrainerSpec implements Serializable {

  private static final long serialVersionUID = 1L;

  /** {@code model_type} value of a unigram language model. */
  public static final int MODEL_TYPE_UNIGRAM = 1;

  static final int INPUT = 1;
  static final int MODEL_TYPE = 3;
  static final int VOCAB_SIZE = 4;
  static final int INPUT_FORMAT = 7;
  static final int CHARACTER_COVERAGE = 10;
  static final int INPUT_SENTENCE_SIZE = 11;
  static final int SEED_SENTENCEPIECE_SIZE = 14;
  static final int SHRINKING_FACTOR = 15;
  static final int NUM_THREADS = 16;
  static final int NUM_SUB_ITERATIONS = 17;
  static final int MAX_SENTENCE_LENGTH = 18;
  static final int MAX_SENTENCEPIECE_LENGTH = 20;
  static final int SPLIT_BY_UNICODE_SCRIPT = 21;
  static final int SPLIT_BY_WHITESPACE = 22;
  static final int SPLIT_BY_NUMBER = 23;
  static final int TREAT_WHITESPACE_AS_SUFFIX = 24;
  static final int SPLIT_DIGITS = 25;
  static final int ALLOW_WHITESPACE_ONLY_PIECES = 26;
  static final int CONTROL_SYMBOLS = 30;
  static final int USER_DEFINED_SYMBOLS = 31;
  static final int HARD_VOCAB_LIMIT = 33;
  static final int BYTE_FALLBACK = 35;
  static final int REQUIRED_CHARS = 36;
  static final int UNK_ID = 40;
  static final int BOS_ID = 41;
  static final int EOS_ID = 42;
  static final int PAD_ID = 43;
  static final int UNK_SURFACE = 44;
  static final int UNK_PIECE = 45;
  static final int BOS_PIECE = 46;
  static final int EOS_PIECE = 47;
  static final int PAD_PIECE = 48;

  /** Text that the library decodes the unknown piece to when unk_surface is unset: " ⁇ ". */
  public static final String DEFAULT_UNK_SURFACE = " \u2047 ";

  static final TrainerSpec EMPTY = new TrainerSpec(ProtoFields.EMPTY);

  private final ProtoFields fields;

  TrainerSpec(ProtoFields fields) {
    this.fields = fields;
  }

  ProtoFields fields() {
    return fields;
  }

  public int modelType() {
    return fields.int32(MODEL_TYPE, MODEL_TYPE_UNIGRAM);
  }

  public int vocabSize() {
    return fields.int32(VOCAB_SIZE, 8000);
  }

  public float characterCoverage() {
    return fields.float32(CHARACTER_COVERAGE, 0.9995f);
  }

  public int maxSentencepieceLength() {
    return fields.int32(MAX_SENTENCEPIECE_LENGTH, 16);
  }

  public boolean splitByUnicodeScript() {
    return fields.bool(SPLIT_BY_UNICODE_SCRIPT, true);
  }

  public boolean splitByWhitespace() {
    return fields.bool(SPLIT_BY_WHITESPACE, true);
  }

  public boolean splitByNumber() {
    return fields.bool(SPLIT_BY_NUMBER, true);
  }

  public boolean splitDigits() {
    return fields.bool(SPLIT_DIGITS, false);
  }

  public boolean treatWhitespaceAsSuffix() {
    return fields.bool(TREAT_WHITESPACE_AS_SUFFIX, false);
  }

  public boolean allowWhitespaceOnlyPieces() {
    return fields.bool(ALLOW_WHITESPACE_ONLY_PIECES, false);
  }

  public boolean byteFallback() {
    return fields.bool(BYTE_FALLBACK, false);
  }

  public List<String> input() {
    return fields.strings(INPUT);
  }

  public int unkId() {
    return fields.int32(UNK_ID, 0);
  }

  public int bosId() {
    return fields.int32(BOS_ID, 1);
  }

  public int eosId() {
    return fields.int32(EOS_ID, 2);
  }

  public int padId() {
    return fields.int32(PAD_ID, -1);
  }

  public String unkPiece() {
    return fields.string(UNK_PIECE, "<unk>");
  }

  public String bosPiece() {
    return fields.string(BOS_PIECE, "<s>");
  }

  public String eosPiece() {
    return fields.string(EOS_PIECE, "</s>");
  }

  public String padPiece() {
    return fields.string(PAD_PIECE, "<pad>");
  }

  /**
   * Returns the text that decoding prints for the unknown piece. The library uses the field
   * only when it is present in the file, and {@link #DEFAULT_UNK_SURFACE} otherwise.
   */
  public String unkSurface() {
    return fields.has(UNK_SURFACE) ? fields.string(UNK_SURFACE, DEFAULT_UNK_SURFACE)
        : DEFAULT_UNK_SURFACE;
  }

  TrainerSpec withVarint(int number, long value) {
    return new TrainerSpec(fields.withVarint(number, value));
  }

  TrainerSpec withBool(int number, boolean value) {
    return new TrainerSpec(fields.withBool(number, value));
  }

  TrainerSpec withFloat(int number, float value) {
    return new TrainerSpec(fields.withFloat(number, value));
  }

  TrainerSpec withString(int number, String value) {
    return new TrainerSpec(fields.withString(number, value));
  }

  TrainerSpec withStrings(int number, List<String> values) {
    return new TrainerSpec(fields.withStrings(number, values));
  }
}
