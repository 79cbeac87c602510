package org.gqaspark.generation;

/**
 * Timing hooks of {@link Generator#generate}, called on the generating thread right after
 * the encoder pass and after every decoder step, for progress logs and benchmarks.
 */
public interface DecodeListener {

  /** A listener that does nothing. */
  DecodeListener NONE = new DecodeListener() {};

  /**
   * Called after the encoder pass of a batch.
   *
   * @param nanos wall time of the pass (see {@link DecodeTimings#encoderNanos})
   */
  default void encoderFinished(int batchSize, int sourceLength, long nanos) {}

  /**
   * Called after each decoder step.
   *
   * @param step 1 for the first step
   * @param nanos wall time of the step, the search's own work included
   */
  default void stepFinished(int step, long nanos) {}
}
