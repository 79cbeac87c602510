package org.gqaspark.tensor;

/** Builds every exception of the tensor package, each with the value, the limit and a fix. */
public final class TensorErrors {

  private TensorErrors() {}

  /** A native BLAS that was requested but could not be loaded. */
  public static final class BackendUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    BackendUnavailableException(String message) {
      super(message);
    }
  }

  /** Returns the error for a negative matrix dimension passed to sgemm. */
  static IllegalArgumentException negativeDimension(String name, int value) {
    return new IllegalArgumentException("Invalid sgemm argument: " + name + " must be >= 0 but got "
        + value + ".");
  }

  /** Returns the error for a leading dimension smaller than the stored row length. */
  static IllegalArgumentException leadingDimensionTooSmall(
      String name, int value, int minimum, String storedShape) {
    return new IllegalArgumentException("Invalid sgemm argument: " + name + " must be >= "
        + minimum + " (the row length of " + storedShape + " as stored) but got " + value + ".");
  }

  /** Returns the error for an operand array shorter than the shape requires. */
  static IllegalArgumentException operandTooShort(
      String operand, int length, int offset, long required, String storedShape, int ld) {
    return new IllegalArgumentException("Invalid sgemm argument: " + operand + " stored as "
        + storedShape + " at offset " + offset + " with leading dimension " + ld + " needs "
        + required + " elements, but its array has " + length + ". Check the offset, the leading"
        + " dimension and the transpose flag.");
  }

  /** Returns the error for a negative offset or length. */
  static IllegalArgumentException negativeOffset(String name, int value) {
    return new IllegalArgumentException("Invalid argument: " + name + " must be >= 0 but got "
        + value + ".");
  }

  /** Returns the error for a slice [offset, offset + length) outside its array. */
  static IllegalArgumentException sliceOutOfBounds(
      String array, int offset, int length, int arrayLength) {
    return new IllegalArgumentException("Invalid slice of " + array + ": offset " + offset
        + " and length " + length + " reach element " + ((long) offset + length)
        + ", but the array has " + arrayLength + " elements.");
  }

  /** Returns the error for a thread count below one. */
  public static IllegalArgumentException invalidThreadCount(String what, int threads) {
    return new IllegalArgumentException("Invalid thread count for " + what + ": must be >= 1 but"
        + " got " + threads + ". Grant the number of cores this task may use (for a Spark task,"
        + " spark.task.cpus).");
  }

  /** Returns the error for a loop submitted to a pool after {@link ComputePool#close()}. */
  static IllegalStateException poolClosed(String name) {
    return new IllegalStateException("Compute pool " + name + " is closed; create a new pool or"
        + " stop using it after close().");
  }

  /** Returns the error for an unknown value of the {@code gqa.gemm} system property. */
  public static IllegalArgumentException unknownBackend(String property, String value) {
    return new IllegalArgumentException("Invalid system property " + property + ": must be one"
        + " of auto, java, native, scalar but got \"" + value + "\".");
  }

  /** Returns the error for a requested backend that cannot run in this JVM. */
  static BackendUnavailableException backendUnavailable(String backend, String reason) {
    return new BackendUnavailableException("The sgemm backend \"" + backend + "\" is not"
        + " available: " + reason);
  }
}
