package org.gqaspark.metrics;

/**
 * The code points that sacreBLEU 2.6.0's {@code zh} tokenizer surrounds with spaces.
 *
 * <p>sacreBLEU lists its ranges as Python string pairs and tests {@code start <= char <= end}.
 * Two of its pairs are written {@code '\u20000'..'\u2a6d6'} and {@code '\u2f800'..'\u2fa1d'},
 * which Python reads as two-character strings (U+2000 followed by "0", and so on), so the
 * comparison selects U+2001..U+2A6D and U+2F81..U+2FA1 rather than CJK Extension B and the
 * compatibility supplement. The table below reproduces what the comparison selects, which
 * includes general punctuation, arrows and mathematical operators, and no supplementary-plane
 * ideograph.
 */
final class ChineseCharacters {

  /** Inclusive {start, end} code point ranges, in sacreBLEU's order. */
  private static final int[][] RANGES = {
      {0x3400, 0x4DB5},
      {0x4E00, 0x9FA5},
      {0x9FA6, 0x9FBB},
      {0xF900, 0xFA2D},
      {0xFA30, 0xFA6A},
      {0xFA70, 0xFAD9},
      {0x2001, 0x2A6D},
      {0x2F81, 0x2FA1},
      {0xFF00, 0xFFEF},
      {0x2E80, 0x2EFF},
      {0x3000, 0x303F},
      {0x31C0, 0x31EF},
      {0x2F00, 0x2FDF},
      {0x2FF0, 0x2FFF},
      {0x3100, 0x312F},
      {0x31A0, 0x31BF},
      {0xFE10, 0xFE1F},
      {0xFE30, 0xFE4F},
      {0x2600, 0x26FF},
      {0x2700, 0x27BF},
      {0x3200, 0x32FF},
      {0x3300, 0x33FF},
  };

  private ChineseCharacters() {}

  static boolean contains(int codePoint) {
    for (int[] range : RANGES) {
      if (codePoint >= range[0] && codePoint <= range[1]) {
        return true;
      }
    }
    return false;
  }
}
