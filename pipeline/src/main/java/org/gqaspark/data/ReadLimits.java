package org.gqaspark.data;

import java.io.Serializable;

/**
 * Limits of the corpus readers.
 *
 * @param maxLineBytes the longest line kept, in bytes; a longer line is rejected with {@link
 *     RejectReason#LINE_TOO_LONG} and only this many bytes of it are held in memory
 * @param excerptChars the length of the excerpt stored with a reject, in characters
 */
public record ReadLimits(int maxLineBytes, int excerptChars) implements Serializable {

  public ReadLimits {
    if (maxLineBytes < 1) {
      throw DataErrors.invalidSetting(null, "max-line-bytes", maxLineBytes, "at least 1");
    }
    if (excerptChars < 0) {
      throw DataErrors.invalidSetting(null, "excerpt-chars", excerptChars, "0 or more");
    }
  }
}
