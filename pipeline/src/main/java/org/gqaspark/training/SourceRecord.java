package org.gqaspark.training;

import java.io.Serializable;

/**
 * One record of a training source before its objective applies: a supervised example
 * (input and target ids, each ending with EOS), or a chunk of raw text tokens for span
 * corruption (no EOS, no target).
 *
 * @param inputIds the example's input ids, or the chunk's tokens
 * @param targetIds the example's target ids; null for a raw chunk
 */
public record SourceRecord(int[] inputIds, int[] targetIds) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Returns a chunk of raw tokens. */
  public static SourceRecord chunk(int[] tokens) {
    return new SourceRecord(tokens, null);
  }
}
