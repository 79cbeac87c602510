package org.gqaspark.training;

import java.time.Instant;

/**
 * One row of the {@code training_steps} table: a training step or a validation pass.
 *
 * @param kind {@link #TRAIN} or {@link #VALIDATION}
 * @param step the training step (steps done, for validation)
 * @param loss mean loss per target token
 * @param learningRate the update's learning rate; null for validation
 * @param gradientNorm gradient norm before clipping; null for validation
 * @param tokens counted target tokens
 * @param examples examples
 * @param computeSeconds the slowest partition's compute time
 * @param communicationSeconds the rest of the distributed step's wall-clock time
 * @param workers partitions that computed it
 * @param skipped whether the update was skipped for a non-finite loss or gradient
 * @param time when it finished
 */
public record StepRecord(String kind, long step, double loss, Double learningRate,
    Double gradientNorm, long tokens, long examples, double computeSeconds,
    double communicationSeconds, int workers, boolean skipped, Instant time) {

  public static final String TRAIN = "train";
  public static final String VALIDATION = "validation";
}
