package org.gqaspark.training.optim;

import java.util.Arrays;

/** Builds every exception of the optimizer package, each with the value, the limit and a fix. */
public final class OptimErrors {

  private OptimErrors() {}

  /** An option outside its valid range. */
  public static IllegalArgumentException invalidOption(String option, Object value,
      String requirement) {
    return new IllegalArgumentException("Optimizer option " + option + " must be "
        + requirement + " but got " + value + ".");
  }

  /** Parameters held by a backend whose values the optimizer cannot update in place. */
  public static IllegalArgumentException unsupportedBackend(String description) {
    return new IllegalArgumentException("Optimizers update float32 parameters in JVM memory,"
        + " but the parameter store uses the backend \"" + description + "\"; train with"
        + " FloatCompute.");
  }

  /** A saved state that lacks a tensor this optimizer needs. */
  public static IllegalArgumentException missingState(String optimizer, String name) {
    return new IllegalArgumentException(optimizer + " state has no tensor " + name
        + "; it was saved by another optimizer or for another model.");
  }

  /** A saved state tensor of the wrong size. */
  public static IllegalArgumentException stateSizeMismatch(String name, int expected,
      int actual) {
    return new IllegalArgumentException("Optimizer state tensor " + name + " must have "
        + expected + " values for this model but has " + actual + "; it was saved for a model"
        + " of another shape.");
  }

  /** A saved state with tensors this optimizer does not know. */
  public static IllegalArgumentException unexpectedState(String optimizer, String name) {
    return new IllegalArgumentException(optimizer + " state has an unexpected tensor " + name
        + "; it was saved by another optimizer or with other options.");
  }

  /** A learning-rate schedule asked for a step before the first. */
  public static IllegalArgumentException invalidStep(long step) {
    return new IllegalArgumentException("Learning-rate schedules count steps from 1 but got "
        + "step " + step + ".");
  }

  /** A state tensor whose shape the optimizer cannot factor. */
  public static IllegalArgumentException invalidShape(String name, int[] shape) {
    return new IllegalArgumentException("Parameter " + name + " has shape "
        + Arrays.toString(shape) + "; every dimension must be positive.");
  }
}
