package org.gqaspark.data;

import java.io.Serializable;

/**
 * Maximum lengths in tokens, EOS and the task prefix included, and what happens beyond them.
 *
 * @param maxInputTokens the maximum length of an input, at least 2 (one token and EOS)
 * @param maxTargetTokens the maximum length of a target, at least 2
 * @param overLength whether to reject or truncate a longer record
 */
public record TokenLimits(int maxInputTokens, int maxTargetTokens, OverLengthPolicy overLength)
    implements Serializable {

  public TokenLimits {
    if (maxInputTokens < 2) {
      throw DataErrors.invalidSetting(null, "max-input-tokens", maxInputTokens,
          "at least 2 (one token and EOS)");
    }
    if (maxTargetTokens < 2) {
      throw DataErrors.invalidSetting(null, "max-target-tokens", maxTargetTokens,
          "at least 2 (one token and EOS)");
    }
    if (overLength == null) {
      throw DataErrors.invalidSetting(null, "over-length", null, "reject or truncate");
    }
  }
}
