package org.gqaspark.training;

import java.io.Serializable;

/**
 * One sequence-to-sequence example as the model is fed: input ids and target ids, each
 * ending with EOS, without padding.
 *
 * @param inputIds encoder input [T_enc]
 * @param targetIds labels [T_dec]; the decoder input is derived from them by shifting right
 */
public record TrainingExample(int[] inputIds, int[] targetIds) implements Serializable {

  private static final long serialVersionUID = 1L;

  public TrainingExample {
    if (inputIds == null || inputIds.length == 0 || targetIds == null || targetIds.length == 0) {
      throw TrainingErrors.emptyExample(inputIds == null ? 0 : inputIds.length,
          targetIds == null ? 0 : targetIds.length);
    }
  }

  /** Returns the number of target tokens, the tokens the loss counts. */
  public int targetTokens() {
    return targetIds.length;
  }
}
