package org.gqaspark.jobs.bench;

/** Builds every exception of the benchmark commands, each with the value and the limit. */
final class BenchErrors {

  private BenchErrors() {}

  /** Returns the error for an option value outside its range. */
  static IllegalArgumentException invalidOption(String option, Object value, String requirement) {
    return new IllegalArgumentException("Invalid option " + option + ": must be " + requirement
        + " but got " + value + ".");
  }
}
