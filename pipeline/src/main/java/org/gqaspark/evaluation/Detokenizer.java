package org.gqaspark.evaluation;

import java.util.Arrays;
import org.gqaspark.tokenizer.Tokenizer;

/** Turns generated ids into text with the SentencePiece tokenizer. */
final class Detokenizer {

  private Detokenizer() {}

  /**
   * Returns the text of the ids before the first end-of-sequence id, without pad ids and
   * without ids outside the tokenizer's vocabulary.
   *
   * <p>T5 checkpoints have 32,128 output ids but the T5 vocabulary has 32,100 (32,000 pieces
   * and 100 sentinels), so a model can generate one of the 28 ids without a piece; such ids
   * are dropped. Sentinel ids are kept and decode to {@code <extra_id_N>}.
   */
  static String text(Tokenizer tokenizer, int[] tokens, int eosId, int padId) {
    int[] kept = new int[tokens.length];
    int count = 0;
    for (int id : tokens) {
      if (id == eosId) {
        break;
      }
      if (id != padId && id >= 0 && id < tokenizer.vocabSize()) {
        kept[count++] = id;
      }
    }
    return tokenizer.decode(Arrays.copyOf(kept, count));
  }
}
