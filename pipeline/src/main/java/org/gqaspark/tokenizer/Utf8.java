package org.gqaspark.tokenizer;

import java.nio.charset.StandardCharsets;

/** UTF-8 rules as the sentencepiece library applies them (its {@code string_util}). */
final class Utf8 {

  /** U+FFFD REPLACEMENT CHARACTER in UTF-8. */
  static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

  /** U+2581 LOWER ONE EIGHTH BLOCK, which stands for a space inside pieces. */
  static final byte[] SPACE_SYMBOL = {(byte) 0xE2, (byte) 0x96, (byte) 0x81};

  private Utf8() {}

  /**
   * Returns the byte length of the character starting with {@code lead}, judged by the lead byte
   * alone: 1 for ASCII and for stray continuation bytes, 2, 3 or 4 otherwise.
   */
  static int oneCharLength(byte lead) {
    int high = (lead & 0xFF) >>> 4;
    if (high < 0xC) {
      return 1;
    }
    if (high == 0xF) {
      return 4;
    }
    return high == 0xE ? 3 : 2;
  }

  /**
   * Returns the length of the well-formed character at {@code pos}, or -1 when the bytes there
   * are not well-formed UTF-8 (overlong forms, surrogates and code points above U+10FFFF
   * included). A literal U+FFFD counts as well-formed, as in the library.
   */
  static int validCharLength(byte[] text, int pos, int end) {
    int lead = text[pos] & 0xFF;
    int left = end - pos;
    if (lead < 0x80) {
      return 1;
    }
    if ((lead & 0xE0) == 0xC0 && left >= 2) {
      int codePoint = (lead & 0x1F) << 6 | (text[pos + 1] & 0x3F);
      return isTrail(text[pos + 1]) && codePoint >= 0x80 ? 2 : -1;
    }
    if ((lead & 0xF0) == 0xE0 && left >= 3) {
      int codePoint = (lead & 0x0F) << 12 | (text[pos + 1] & 0x3F) << 6 | (text[pos + 2] & 0x3F);
      boolean valid = isTrail(text[pos + 1]) && isTrail(text[pos + 2]) && codePoint >= 0x800
          && isValidCodePoint(codePoint);
      return valid ? 3 : -1;
    }
    if ((lead & 0xF8) == 0xF0 && left >= 4) {
      int codePoint = (lead & 0x07) << 18 | (text[pos + 1] & 0x3F) << 12
          | (text[pos + 2] & 0x3F) << 6 | (text[pos + 3] & 0x3F);
      boolean valid = isTrail(text[pos + 1]) && isTrail(text[pos + 2]) && isTrail(text[pos + 3])
          && codePoint >= 0x10000 && isValidCodePoint(codePoint);
      return valid ? 4 : -1;
    }
    return -1;
  }

  static boolean isValidCodePoint(int codePoint) {
    return codePoint < 0xD800 || (codePoint >= 0xE000 && codePoint <= 0x10FFFF);
  }

  private static boolean isTrail(byte b) {
    return (b & 0xC0) == 0x80;
  }

  /**
   * Encodes text as UTF-8. An unpaired surrogate becomes U+FFFD, the character that the library
   * would put in its place had the text reached it as bytes. (Java's own encoder writes '?'.)
   */
  static byte[] encode(String text) {
    int length = text.length();
    boolean hasSurrogate = false;
    for (int i = 0; i < length; i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        hasSurrogate = true;
        break;
      }
    }
    if (!hasSurrogate) {
      return text.getBytes(StandardCharsets.UTF_8);
    }

    StringBuilder repaired = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        repaired.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        repaired.append('\uFFFD');
      } else {
        repaired.append(c);
      }
    }
    return repaired.toString().getBytes(StandardCharsets.UTF_8);
  }
}
