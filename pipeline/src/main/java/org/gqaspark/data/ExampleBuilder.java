package org.gqaspark.data;

import java.util.Arrays;
import org.gqaspark.tokenizer.Tokenizer;

/**
 * Tokenizes one record into an example as T5 is fed: the task prefix and the source text as
 * one string, then EOS; the target text, then EOS. A record of a dataset without targets (raw
 * text) gets EOS alone as target. Applies the length limits.
 */
final class ExampleBuilder {

  /**
   * An example's ids, or why the record was rejected (then the ids are null), the rejected
   * text and whether the target side is at fault.
   */
  record Result(int[] inputIds, int[] targetIds, boolean truncated, RejectReason reason,
      String message, String rejectedText, boolean targetAtFault) {

    static Result rejected(RejectReason reason, String message, String text, boolean target) {
      return new Result(null, null, false, reason, message, text, target);
    }
  }

  private ExampleBuilder() {}

  static Result build(Tokenizer tokenizer, DatasetSpec dataset, String source, String target) {
    // Tokenized as one string, as T5 preprocessing does, because SentencePiece segments the
    // boundary between prefix and text differently when the two are encoded apart.
    int[] input = tokenizer.encode(dataset.taskPrefix() + source);
    int[] output = tokenizer.encode(target);
    if (input.length == 0) {
      return Result.rejected(RejectReason.EMPTY_TEXT, "the input has no tokens", source,
          false);
    }
    if (output.length == 0 && dataset.source().hasTarget()) {
      return Result.rejected(RejectReason.EMPTY_TEXT, "the target has no tokens", target,
          true);
    }

    TokenLimits limits = dataset.limits();
    boolean truncate = limits.overLength() == OverLengthPolicy.TRUNCATE;
    int inputLength = input.length + 1;
    int targetLength = output.length + 1;
    if (!truncate && inputLength > limits.maxInputTokens()) {
      return Result.rejected(RejectReason.TOO_MANY_TOKENS, "the input has " + inputLength
          + " tokens (task prefix and EOS included) but max-input-tokens is "
          + limits.maxInputTokens(), source, false);
    }
    if (!truncate && targetLength > limits.maxTargetTokens()) {
      return Result.rejected(RejectReason.TOO_MANY_TOKENS, "the target has " + targetLength
          + " tokens (EOS included) but max-target-tokens is " + limits.maxTargetTokens(),
          target, true);
    }
    boolean truncated = inputLength > limits.maxInputTokens()
        || targetLength > limits.maxTargetTokens();
    return new Result(withEos(input, limits.maxInputTokens(), tokenizer.eosId()),
        withEos(output, limits.maxTargetTokens(), tokenizer.eosId()), truncated, null, null,
        null, false);
  }

  /** Returns the ids followed by EOS, cut to {@code max} ids with EOS kept last. */
  static int[] withEos(int[] ids, int max, int eos) {
    int kept = Math.min(ids.length, max - 1);
    int[] result = Arrays.copyOf(ids, kept + 1);
    result[kept] = eos;
    return result;
  }
}
