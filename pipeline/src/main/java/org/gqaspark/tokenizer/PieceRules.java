package org.gqaspark.tokenizer;

import java.io.Serializable;

/**
 * Which substrings may become pieces, as the sentencepiece trainer decides
 * ({@code IsValidSentencePiece}, version 0.1.97, with whitespace as a prefix): at most
 * maxPieceLength characters; U+2581 (a space) only as the first character; no unknown marker,
 * NUL, tab or space; one Unicode script per piece (Hiragana and Katakana count as Han, combining
 * marks take the script of the character before them); digits apart from letters unless
 * splitByNumber is off; each digit alone when splitDigits is on.
 *
 * <p>The rule only gets stricter as a piece grows, so callers may stop extending a substring at
 * the first invalid one. Scripts come from {@link Character.UnicodeScript}, which may date the
 * Unicode tables differently from the library's built-in map.
 */
final class PieceRules implements Serializable {

  private static final long serialVersionUID = 1L;

  /** U+2581, the space marker. */
  static final int SPACE_MARKER = 0x2581;
  /** U+2585, which stands for characters outside the required set in training text. */
  static final int UNKNOWN_MARKER = 0x2585;

  private final int maxPieceLength;
  private final boolean splitByUnicodeScript;
  private final boolean splitByNumber;
  private final boolean splitDigits;

  PieceRules(UnigramTrainerOptions options) {
    this.maxPieceLength = options.maxPieceLength();
    this.splitByUnicodeScript = options.splitByUnicodeScript();
    this.splitByNumber = options.splitByNumber();
    this.splitDigits = options.splitDigits();
  }

  int maxPieceLength() {
    return maxPieceLength;
  }

  /** Returns whether {@code codePoints[from, to)} may be a piece. */
  boolean isValid(int[] codePoints, int from, int to) {
    int length = to - from;
    if (length < 1 || length > maxPieceLength) {
      return false;
    }
    Character.UnicodeScript previous = null;
    for (int i = from; i < to; i++) {
      int c = codePoints[i];
      if (c == UNKNOWN_MARKER || c == 0 || c == '\t' || c == ' '
          || !Utf8.isValidCodePoint(c)) {
        return false;
      }
      if (c == SPACE_MARKER) {
        if (i > from) {
          return false;
        }
        continue;
      }

      Character.UnicodeScript script = scriptOf(c, previous);
      boolean digit = isDecimalDigit(c);
      if (splitDigits && digit && length > 1) {
        return false;
      }
      if (!splitByNumber && digit) {
        script = null;
      }
      if (splitByUnicodeScript && script != null && previous != null && previous != script) {
        return false;
      }
      previous = script;
    }
    return true;
  }

  /** Returns the script that separates pieces; null stands for "any", like the library's -1. */
  private static Character.UnicodeScript scriptOf(int c, Character.UnicodeScript previous) {
    Character.UnicodeScript script = Character.UnicodeScript.of(c);
    if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
        || c == 0x30FC) {
      return Character.UnicodeScript.HAN;
    }
    if (script == Character.UnicodeScript.INHERITED) {
      return previous;
    }
    if (script == Character.UnicodeScript.UNKNOWN) {
      return Character.UnicodeScript.COMMON;
    }
    return script;
  }

  /** ASCII and full-width digits, the library's {@code is_unicode_decimal_number}. */
  private static boolean isDecimalDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
  }
}
