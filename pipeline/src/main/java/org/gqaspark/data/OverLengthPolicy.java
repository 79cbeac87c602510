package org.gqaspark.data;

/** The tokenize job's handling of an input or target longer than its maximum in tokens. */
public enum OverLengthPolicy {
  /** Write the record to the rejects table with reason {@link RejectReason#TOO_MANY_TOKENS}. */
  REJECT,
  /** Keep the first {@code max - 1} tokens and EOS, and mark the example as truncated. */
  TRUNCATE
}
