package org.gqaspark.data;

/** Checks and cuts of corpus text. */
final class Texts {

  private static final String ELLIPSIS = "\u2026";

  private Texts() {}

  /**
   * Returns whether the text has no visible character: empty, or only whitespace and
   * space separators (no-break spaces included, which {@link String#isBlank()} misses).
   */
  static boolean isBlank(String text) {
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      if (!Character.isWhitespace(codePoint) && !Character.isSpaceChar(codePoint)) {
        return false;
      }
      i += Character.charCount(codePoint);
    }
    return true;
  }

  /**
   * Returns the first {@code maxChars} code points of the text, with an ellipsis when it was
   * longer. Cutting by code point keeps surrogate pairs whole, so the excerpt is valid UTF-8.
   */
  static String excerpt(String text, int maxChars) {
    if (text.codePointCount(0, text.length()) <= maxChars) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, maxChars)) + ELLIPSIS;
  }
}
