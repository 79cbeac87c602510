package org.gqaspark.tokenizer;

import java.io.Serializable;

/**
 * Text to token ids and back, with T5's special ids. Implementations are immutable and
 * serializable, so a Spark job broadcasts one instance to its executors and calls it from
 * many tasks at once.
 */
public interface Tokenizer extends Serializable {

  /** Encodes text to piece ids, without appending EOS. */
  int[] encode(String text);

  /** Decodes ids to text; pad, EOS and other control ids produce no text. */
  String decode(int[] ids);

  /** Number of ids, sentinels included. */
  int vocabSize();

  int padId();

  int eosId();

  int unkId();
}
