package org.gqaspark.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Python 3 {@code str} operations that sacreBLEU 2.6.0 and rouge-score 0.1.2 apply to text:
 * whitespace as {@code str.split()} sees it, {@code split()}, {@code strip()}, {@code rstrip()}
 * and {@code lower()}. Java's own {@code String.strip()} and {@code \s} use other whitespace
 * sets, which would change token counts on lines with U+001C..U+001F, U+0085 or U+00A0.
 */
final class PythonText {

  private PythonText() {}

  /**
   * Returns whether Python's {@code str.isspace()} holds for the code point: the ASCII controls
   * TAB..CR and FS..US, space, NEL, no-break space and the Unicode space separators, line and
   * paragraph separators. Zero-width space (U+200B) and the byte-order mark (U+FEFF) are not
   * whitespace.
   */
  static boolean isWhitespace(int codePoint) {
    if (codePoint <= 0x20) {
      return codePoint == 0x20 || (codePoint >= 0x09 && codePoint <= 0x0D)
          || (codePoint >= 0x1C && codePoint <= 0x1F);
    }
    return codePoint == 0x85 || codePoint == 0xA0 || codePoint == 0x1680
        || (codePoint >= 0x2000 && codePoint <= 0x200A) || codePoint == 0x2028
        || codePoint == 0x2029 || codePoint == 0x202F || codePoint == 0x205F
        || codePoint == 0x3000;
  }

  /** Splits on runs of whitespace and drops empty pieces, as {@code str.split()} without arguments. */
  static List<String> split(String text) {
    List<String> pieces = new ArrayList<>();
    int length = text.length();
    int start = -1;
    int i = 0;
    while (i < length) {
      int codePoint = text.codePointAt(i);
      if (isWhitespace(codePoint)) {
        if (start >= 0) {
          pieces.add(text.substring(start, i));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
      i += Character.charCount(codePoint);
    }
    if (start >= 0) {
      pieces.add(text.substring(start));
    }
    return pieces;
  }

  /** Removes every whitespace code point, as {@code ''.join(text.split())}. */
  static String removeWhitespace(String text) {
    StringBuilder kept = new StringBuilder(text.length());
    text.codePoints().filter(c -> !isWhitespace(c)).forEach(kept::appendCodePoint);
    return kept.toString();
  }

  /** Removes trailing whitespace, as {@code str.rstrip()}. */
  static String rstrip(String text) {
    int end = text.length();
    while (end > 0) {
      int codePoint = text.codePointBefore(end);
      if (!isWhitespace(codePoint)) {
        break;
      }
      end -= Character.charCount(codePoint);
    }
    return text.substring(0, end);
  }

  /** Removes leading and trailing whitespace, as {@code str.strip()}. */
  static String strip(String text) {
    String right = rstrip(text);
    int start = 0;
    while (start < right.length()) {
      int codePoint = right.codePointAt(start);
      if (!isWhitespace(codePoint)) {
        break;
      }
      start += Character.charCount(codePoint);
    }
    return right.substring(start);
  }

  /**
   * Lower-cases with the locale-independent Unicode mapping, as {@code str.lower()}: both map
   * U+0130 to "i" plus U+0307 and apply the final-sigma rule.
   * NOTE: Java 17 uses Unicode 13 case tables and Python 3.11 uses Unicode 14, so letters added
   * in Unicode 14 lower-case differently.
   */
  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
