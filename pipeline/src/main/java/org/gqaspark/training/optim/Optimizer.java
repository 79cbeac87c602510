package org.gqaspark.training.optim;

/**
 * Updates the parameters of a model from their accumulated gradients. Implementations
 * follow the update rule of a named reference implementation exactly, so that settings
 * carry over from PyTorch and Hugging Face recipes.
 */
public interface Optimizer {

  /**
   * Applies one update to every parameter, reading the gradients in the parameter store.
   *
   * @param learningRate the rate for this step, typically from a {@link LearningRateSchedule};
   *     Adafactor with a relative step size ignores it
   */
  void step(double learningRate);

  /** Number of updates applied so far. */
  long steps();

  /** Returns a copy of the state, for checkpoints. */
  OptimizerState state();

  /**
   * Replaces the state with a saved one, so that training resumes exactly.
   *
   * @throws IllegalArgumentException when the saved tensors do not match this optimizer's
   *     parameters and options
   */
  void restore(OptimizerState state);

  /** Name and options, for logs. */
  String description();
}
