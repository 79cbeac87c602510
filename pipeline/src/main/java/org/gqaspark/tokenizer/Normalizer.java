package org.gqaspark.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * Normalises UTF-8 text as the sentencepiece library's normaliser does (its
 * {@code Normalizer::Normalize}, version 0.1.97), so that the segmenter receives the same bytes:
 *
 * <ol>
 *   <li>At each position the longest user-defined symbol is copied unchanged. Otherwise the
 *       longest prefix in the precompiled charsmap is replaced (possibly by nothing). Otherwise
 *       one character is copied, and a byte that does not start well-formed UTF-8 becomes U+FFFD.
 *   <li>With remove_extra_whitespaces, leading spaces are dropped, runs of spaces shrink to one,
 *       and trailing spaces are dropped; "space" means the ASCII space after mapping, so a tab
 *       or U+3000 counts only when the charsmap maps it to a space.
 *   <li>With add_dummy_prefix, one space is added before the text (after it when
 *       treat_whitespace_as_suffix is set); with escape_whitespaces, every space becomes U+2581.
 * </ol>
 *
 * Immutable and safe to share between threads.
 */
final class Normalizer {

  private static final byte[] EMPTY = new byte[0];

  private final PrecompiledCharsMap charsMap;
  /** Null when the model has no user-defined symbols. */
  private final ByteTrie userDefinedSymbols;
  private final boolean addDummyPrefix;
  private final boolean removeExtraWhitespaces;
  private final boolean escapeWhitespaces;
  private final boolean treatWhitespaceAsSuffix;

  Normalizer(NormalizerSpec spec, boolean treatWhitespaceAsSuffix, ByteTrie userDefinedSymbols,
      String source) {
    byte[] blob = spec.precompiledCharsmap();
    this.charsMap = blob.length == 0 ? null : new PrecompiledCharsMap(blob, source);
    this.userDefinedSymbols = userDefinedSymbols;
    this.addDummyPrefix = spec.addDummyPrefix();
    this.removeExtraWhitespaces = spec.removeExtraWhitespaces();
    this.escapeWhitespaces = spec.escapeWhitespaces();
    this.treatWhitespaceAsSuffix = treatWhitespaceAsSuffix;
  }

  String normalize(String text) {
    return new String(normalize(Utf8.encode(text)), StandardCharsets.UTF_8);
  }

  /** Returns the normalised UTF-8 bytes of {@code input}; empty when only spaces remain. */
  byte[] normalize(byte[] input) {
    int end = input.length;
    if (end == 0) {
      return EMPTY;
    }
    Prefix prefix = new Prefix();
    int pos = 0;

    if (removeExtraWhitespaces) {
      while (pos < end) {
        nextPrefix(input, pos, end, prefix);
        if (!prefix.isSingleSpace()) {
          break;
        }
        pos += prefix.consumed;
      }
    }
    if (pos == end) {
      return EMPTY;
    }

    ByteSink output = new ByteSink(end - pos + (end - pos) / 2 + 8);
    if (addDummyPrefix && !treatWhitespaceAsSuffix) {
      addSpace(output);
    }

    boolean previousIsSpace = removeExtraWhitespaces;
    while (pos < end) {
      nextPrefix(input, pos, end, prefix);
      int from = prefix.offset;
      int to = prefix.offset + prefix.length;
      while (previousIsSpace && from < to && prefix.source[from] == ' ') {
        from++;
      }
      if (from < to) {
        for (int i = from; i < to; i++) {
          byte b = prefix.source[i];
          if (escapeWhitespaces && b == ' ') {
            output.append(Utf8.SPACE_SYMBOL);
          } else {
            output.append(b);
          }
        }
        previousIsSpace = prefix.source[to - 1] == ' ';
      }
      pos += prefix.consumed;
      if (!removeExtraWhitespaces) {
        previousIsSpace = false;
      }
    }

    if (removeExtraWhitespaces) {
      output.stripTrailing(escapeWhitespaces ? Utf8.SPACE_SYMBOL : new byte[] {' '});
    }
    if (addDummyPrefix && treatWhitespaceAsSuffix) {
      addSpace(output);
    }
    return output.toByteArray();
  }

  private void addSpace(ByteSink output) {
    if (escapeWhitespaces) {
      output.append(Utf8.SPACE_SYMBOL);
    } else {
      output.append((byte) ' ');
    }
  }

  /** Finds the replacement for the input at {@code pos}, as the library's NormalizePrefix. */
  private void nextPrefix(byte[] input, int pos, int end, Prefix prefix) {
    if (userDefinedSymbols != null) {
      int length = userDefinedSymbols.longestPrefix(input, pos, end);
      if (length > 0) {
        prefix.set(input, pos, length, length);
        return;
      }
    }

    if (charsMap != null) {
      long match = charsMap.longestMatch(input, pos, end);
      if (match != PrecompiledCharsMap.NO_MATCH) {
        int offset = (int) match;
        prefix.set(charsMap.replacements(), offset, charsMap.replacementLength(offset),
            (int) (match >>> 32));
        return;
      }
    }

    int length = Utf8.validCharLength(input, pos, end);
    if (length < 0) {
      prefix.set(Utf8.REPLACEMENT, 0, Utf8.REPLACEMENT.length, 1);
    } else {
      prefix.set(input, pos, length, length);
    }
  }

  /** The normalised form of one input prefix: {@code source[offset, offset + length)}. */
  private static final class Prefix {
    byte[] source;
    int offset;
    int length;
    /** Input bytes that the prefix covers. */
    int consumed;

    void set(byte[] source, int offset, int length, int consumed) {
      this.source = source;
      this.offset = offset;
      this.length = length;
      this.consumed = consumed;
    }

    boolean isSingleSpace() {
      return length == 1 && source[offset] == ' ';
    }
  }
}
