package org.gqaspark.generation;

import java.util.List;

/**
 * What {@link Generator#generate} returns.
 *
 * @param sequences per source row, up to {@code numReturnSequences} sequences, best first
 * @param timings wall time of the encoder pass and of the decoder steps
 */
public record GenerationResult(List<List<GeneratedSequence>> sequences,
    DecodeTimings timings) {

  public GenerationResult {
    sequences = sequences.stream().map(List::copyOf).toList();
  }

  /** Returns the best sequence of source row {@code row}. */
  public GeneratedSequence best(int row) {
    return sequences.get(row).get(0);
  }

  /** Number of source rows. */
  public int rows() {
    return sequences.size();
  }
}
