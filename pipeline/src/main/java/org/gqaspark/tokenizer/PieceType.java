package org.gqaspark.tokenizer;

/** Kind of a vocabulary piece, with the numbers of {@code ModelProto.SentencePiece.Type}. */
public enum PieceType {
  /** Text learnt by training; the only kind that the segmenter scores by its log probability. */
  NORMAL(1),
  /** The unknown piece ({@code <unk>}); exactly one per model. */
  UNKNOWN(2),
  /**
   * Control symbols such as {@code <pad>} and {@code </s>}: never produced from text, and decoded
   * to nothing.
   */
  CONTROL(3),
  /** Symbols matched verbatim in the input before normalisation, and always kept whole. */
  USER_DEFINED(4),
  /** Pieces in the vocabulary that the segmenter never produces. */
  UNUSED(5),
  /** Pieces {@code <0x00>} .. {@code <0xFF>} for the UTF-8 bytes of unknown characters. */
  BYTE(6);

  private final int number;

  PieceType(int number) {
    this.number = number;
  }

  /** Returns the protobuf enum number. */
  public int number() {
    return number;
  }

  /** Returns the type with the given protobuf enum number, or null when there is none. */
  static PieceType ofNumber(long number) {
    for (PieceType type : values()) {
      if (type.number == number) {
        return type;
      }
    }
    return null;
  }
}
