package org.gqaspark.generation;

/**
 * Rules of the end-of-sequence token during a search: it ends a sequence, unless
 * {@code ignoreEos}, and it cannot be chosen before {@code minNewTokens} tokens, as Hugging
 * Face's {@code MinNewTokensLengthLogitsProcessor} does (its log-probability becomes minus
 * infinity, and the others are not renormalised).
 *
 * @param padTokenId the token fed to rows whose sequence has ended
 */
record TokenRules(int eosTokenId, int padTokenId, int minNewTokens, boolean ignoreEos) {

  /** Returns whether {@code token} ends a sequence. */
  boolean ends(int token) {
    return !ignoreEos && token == eosTokenId;
  }

  /**
   * Returns the token that cannot follow {@code generated} tokens, or -1 when every token
   * may.
   */
  int blockedToken(int generated) {
    return !ignoreEos && generated < minNewTokens ? eosTokenId : -1;
  }
}
