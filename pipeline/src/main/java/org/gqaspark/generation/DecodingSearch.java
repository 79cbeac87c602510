package org.gqaspark.generation;

import java.util.List;

/**
 * A search over the decoder's output, one step at a time: it chooses the tokens each
 * decoder row is fed next and, for beam search, which row's cache each row continues.
 */
interface DecodingSearch {

  /** Returns the tokens to feed at the next step, one per decoder row [R]. */
  int[] nextTokens();

  /**
   * Consumes the scores of the step that fed {@link #nextTokens}.
   *
   * @return the row each decoder row continues from now on [R], or null when every row
   *     continues its own cache
   */
  int[] update(StepScores scores);

  /** Whether the search has ended: every row finished or the maximum length reached. */
  boolean done();

  /** Returns the sequences per source row, best first; valid once {@link #done}. */
  List<List<GeneratedSequence>> sequences();
}
