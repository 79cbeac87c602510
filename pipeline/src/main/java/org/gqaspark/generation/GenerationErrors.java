package org.gqaspark.generation;

/** Builds every exception of the generation package, each with the value and the limit. */
final class GenerationErrors {

  private GenerationErrors() {}

  /** Returns the error for an option value outside its range. */
  static IllegalArgumentException invalidOption(String option, Object value,
      String requirement) {
    return new IllegalArgumentException("Invalid generation option " + option + ": must be "
        + requirement + " but got " + value + ".");
  }

  /** Returns the error for a source batch with no rows or no positions. */
  static IllegalArgumentException invalidSourceShape(int batchSize, int sourceLength) {
    return new IllegalArgumentException("A source batch needs at least one row and one"
        + " position but got " + batchSize + " rows of length " + sourceLength + ".");
  }

  /** Returns the error for a source field whose length is not rows times length. */
  static IllegalArgumentException sourceFieldLength(String field, int length, int expected) {
    return new IllegalArgumentException("Source field " + field + " must have " + expected
        + " entries (rows times length) but " + (length < 0 ? "is missing" : "has " + length)
        + ".");
  }

  /** Returns the error for a source row length outside [1, sourceLength]. */
  static IllegalArgumentException invalidRowLength(int row, int length, int sourceLength) {
    return new IllegalArgumentException("Source row " + row + " must have between 1 and "
        + sourceLength + " tokens but has " + length + "; drop empty inputs before"
        + " generating.");
  }
}
