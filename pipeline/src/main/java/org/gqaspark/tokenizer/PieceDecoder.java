package org.gqaspark.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * Turns piece ids back into text as the sentencepiece library's {@code Decode} (version 0.1.97)
 * does:
 *
 * <ul>
 *   <li>control pieces produce nothing; the unknown piece produces the model's unk surface
 *       (" ⁇ " by default, which is what {@code spm_decode} prints);
 *   <li>U+2581 becomes a space; while the text is still empty, one leading U+2581 of each piece is
 *       dropped when the normaliser adds a dummy prefix or removes extra whitespace;
 *   <li>runs of byte pieces ({@code <0xE4>}) are joined and read as UTF-8, each byte that starts
 *       no well-formed character becoming U+FFFD;
 *   <li>the denormaliser, if the model has one, is applied to the result.
 * </ul>
 *
 * T5's sentinel ids beyond the model's pieces decode to their names, {@code <extra_id_N>}.
 */
final class PieceDecoder {

  private final SentencePieceModel model;
  private final byte[][] pieceUtf8;
  private final byte[] byteValues;
  private final int extraIds;
  private final byte[] unknownSurface;
  private final boolean stripLeadingSpace;
  private final boolean removeExtraWhitespaces;
  /** Null when the model has no denormalizer with a charsmap. */
  private final Normalizer denormalizer;

  PieceDecoder(SentencePieceModel model, int extraIds, byte[] byteValues, String source) {
    this.model = model;
    this.extraIds = extraIds;
    this.byteValues = byteValues;
    this.pieceUtf8 = new byte[model.size()][];
    for (int id = 0; id < model.size(); id++) {
      pieceUtf8[id] = model.pieceUtf8(id);
    }
    this.unknownSurface = model.trainerSpec().unkSurface().getBytes(StandardCharsets.UTF_8);
    NormalizerSpec spec = model.normalizerSpec();
    this.stripLeadingSpace = spec.addDummyPrefix() || spec.removeExtraWhitespaces();
    this.removeExtraWhitespaces = spec.removeExtraWhitespaces();
    NormalizerSpec denormalizerSpec = model.denormalizerSpec();
    this.denormalizer = denormalizerSpec != null
        && denormalizerSpec.precompiledCharsmap().length > 0
        ? new Normalizer(denormalizerSpec, false, null, source) : null;
  }

  String decode(int[] ids) {
    int vocabSize = model.size() + extraIds;
    ByteSink text = new ByteSink(ids.length * 6 + 16);
    boolean atStart = true;
    boolean leadingSpaceSeen = false;
    int byteRunStart = 0;

    for (int i = 0; i < ids.length; i++) {
      int id = ids[i];
      if (id < 0 || id >= vocabSize) {
        throw TokenizerErrors.idOutOfRange(id, vocabSize);
      }
      if (id < model.size() && model.type(id) == PieceType.BYTE) {
        continue;
      }
      decodeBytes(ids, byteRunStart, i, text);
      byteRunStart = i + 1;
      if (leadingSpaceSeen || text.size() > 0) {
        atStart = false;
      }
      leadingSpaceSeen = decodePiece(id, atStart, text);
    }
    decodeBytes(ids, byteRunStart, ids.length, text);

    String decoded = text.toUtf8String();
    return denormalizer == null ? decoded : denormalizer.normalize(decoded);
  }

  /** Appends one non-byte piece and returns whether it consumed a leading-space marker. */
  private boolean decodePiece(int id, boolean atStart, ByteSink text) {
    if (id >= model.size()) {
      text.append(SentencePieceTokenizer.sentinelName(model.size() + extraIds - 1 - id)
          .getBytes(StandardCharsets.UTF_8));
      return false;
    }
    PieceType type = model.type(id);
    if (type == PieceType.CONTROL) {
      return false;
    }
    if (type == PieceType.UNKNOWN) {
      text.append(unknownSurface);
      return false;
    }

    byte[] piece = pieceUtf8[id];
    int from = 0;
    boolean consumedSpace = false;
    if (atStart && stripLeadingSpace && startsWithSpaceSymbol(piece, 0)) {
      from = Utf8.SPACE_SYMBOL.length;
      consumedSpace = !removeExtraWhitespaces;
    }
    for (int i = from; i < piece.length; ) {
      if (startsWithSpaceSymbol(piece, i)) {
        text.append((byte) ' ');
        i += Utf8.SPACE_SYMBOL.length;
      } else {
        text.append(piece[i++]);
      }
    }
    return consumedSpace;
  }

  /** Appends the UTF-8 text of the byte pieces ids[from, to). */
  private void decodeBytes(int[] ids, int from, int to, ByteSink text) {
    if (from >= to) {
      return;
    }
    byte[] bytes = new byte[to - from];
    for (int i = from; i < to; i++) {
      bytes[i - from] = byteValues[ids[i]];
    }
    for (int pos = 0; pos < bytes.length; ) {
      int length = Utf8.validCharLength(bytes, pos, bytes.length);
      if (length < 0) {
        text.append(Utf8.REPLACEMENT);
        pos++;
      } else {
        text.append(bytes, pos, length);
        pos += length;
      }
    }
  }

  private static boolean startsWithSpaceSymbol(byte[] piece, int at) {
    return piece.length - at >= 3 && piece[at] == Utf8.SPACE_SYMBOL[0]
        && piece[at + 1] == Utf8.SPACE_SYMBOL[1] && piece[at + 2] == Utf8.SPACE_SYMBOL[2];
  }
}
