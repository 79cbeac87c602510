package org.gqaspark.tokenizer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The normalisation rules of a SentencePiece model: {@code precompiled_charsmap} maps UTF-8
 * prefixes of the input to replacement strings, and the longest matching prefix wins.
 *
 * <p>Layout of the blob: a little-endian uint32 with the byte size of the trie, the trie as a
 * darts-clone double array of little-endian uint32 units, then the replacement strings, each
 * ending with a NUL byte. The value stored for a key is the offset of its replacement. An empty
 * replacement maps the prefix to nothing.
 *
 * <p>A darts-clone unit packs: bit 8 "has leaf", bits 0..7 (and bit 31 on leaves) the label, bits
 * 10..31 the offset to the children (shifted left by 8 more when bit 9 is set), and on a leaf
 * unit bits 0..30 the value. Children of node {@code n} live at {@code n ^ offset ^ label}.
 */
final class PrecompiledCharsMap {

  /** {@link #asciiRule} value: ASCII bytes without a rule stay as they are. */
  private static final int ASCII_IDENTITY = -1;
  /** {@link #asciiRule} value: a longer key starts with this byte, so the trie must be searched. */
  private static final int ASCII_SEARCH = -2;

  private final int[] units;
  private final byte[] replacements;
  /**
   * Per ASCII byte: the replacement offset when the byte alone is a key and no longer key starts
   * with it, or {@link #ASCII_IDENTITY}, or {@link #ASCII_SEARCH}. Spares the trie walk for
   * most characters of English text.
   */
  private final int[] asciiRule = new int[128];

  /** Result of the last {@link #longestMatch}; see there. */
  static final long NO_MATCH = -1L;

  PrecompiledCharsMap(byte[] blob, String source) {
    if (blob.length <= 4) {
      throw TokenizerErrors.brokenCharsMap(source, "has " + blob.length + " bytes, fewer than its"
          + " 4-byte header needs");
    }
    ByteBuffer buffer = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
    long trieSize = buffer.getInt() & 0xFFFFFFFFL;
    if (trieSize >= blob.length || trieSize % 4 != 0) {
      throw TokenizerErrors.brokenCharsMap(source, "declares a trie of " + trieSize
          + " bytes in a blob of " + blob.length + " bytes");
    }
    units = new int[(int) trieSize / 4];
    for (int i = 0; i < units.length; i++) {
      units[i] = buffer.getInt();
    }
    replacements = new byte[blob.length - 4 - (int) trieSize];
    buffer.get(replacements);
    if (units.length == 0) {
      throw TokenizerErrors.brokenCharsMap(source, "has an empty trie");
    }
    buildAsciiRules();
  }

  byte[] replacements() {
    return replacements;
  }

  /**
   * Returns the longest key that prefixes {@code text[from, end)} as
   * {@code (keyLength << 32) | replacementOffset}, or {@link #NO_MATCH}.
   */
  long longestMatch(byte[] text, int from, int end) {
    int first = text[from] & 0xFF;
    if (first < 0x80) {
      int rule = asciiRule[first];
      if (rule == ASCII_IDENTITY) {
        return NO_MATCH;
      }
      if (rule >= 0) {
        return 1L << 32 | rule;
      }
    }
    return search(text, from, end);
  }

  /** Walks the double array like darts-clone's commonPrefixSearch and keeps the longest hit. */
  private long search(byte[] text, int from, int end) {
    long best = NO_MATCH;
    int node = offset(units[0]);
    for (int i = from; i < end; i++) {
      int label = text[i] & 0xFF;
      node ^= label;
      if (node >= units.length) {
        return best;
      }
      int unit = units[node];
      if (label(unit) != label) {
        return best;
      }
      node ^= offset(unit);
      if (hasLeaf(unit)) {
        if (node >= units.length) {
          return best;
        }
        best = (long) (i + 1 - from) << 32 | value(units[node]);
      }
    }
    return best;
  }

  /** Returns the length of the NUL-terminated replacement at {@code offset}. */
  int replacementLength(int offset) {
    int end = offset;
    while (end < replacements.length && replacements[end] != 0) {
      end++;
    }
    return end - offset;
  }

  private void buildAsciiRules() {
    int root = offset(units[0]);
    for (int b = 0; b < 128; b++) {
      int node = root ^ b;
      if (b == 0 || node >= units.length || label(units[node]) != b) {
        asciiRule[b] = b == 0 ? ASCII_SEARCH : ASCII_IDENTITY;
        continue;
      }
      int unit = units[node];
      int children = node ^ offset(unit);
      if (hasChildren(children)) {
        asciiRule[b] = ASCII_SEARCH;
      } else if (hasLeaf(unit) && children < units.length) {
        asciiRule[b] = value(units[children]);
      } else {
        asciiRule[b] = ASCII_IDENTITY;
      }
    }
  }

  /** Returns whether the node with children at {@code base} has a child with a non-zero label. */
  private boolean hasChildren(int base) {
    for (int label = 1; label < 256; label++) {
      int child = base ^ label;
      if (child < units.length && label(units[child]) == label) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasLeaf(int unit) {
    return ((unit >>> 8) & 1) == 1;
  }

  private static int value(int unit) {
    return unit & 0x7FFFFFFF;
  }

  private static int label(int unit) {
    return unit & 0x800000FF;
  }

  private static int offset(int unit) {
    return (unit >>> 10) << ((unit & (1 << 9)) >>> 6);
  }
}
