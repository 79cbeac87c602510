package org.gqaspark.model.compute;

import java.util.Arrays;

/**
 * Builds every exception of the compute package. These are programming errors of a caller
 * inside the engine (a layer passing a tensor of the wrong size), so each message names the
 * operation, the sizes involved and what they must be.
 */
public final class ComputeErrors {

  private ComputeErrors() {}

  static IllegalArgumentException invalidShape(int[] shape) {
    return new IllegalArgumentException("Invalid tensor shape " + Arrays.toString(shape)
        + ": every dimension must be zero or positive.");
  }

  static IllegalArgumentException tensorTooLarge(int[] shape, long count) {
    return new IllegalArgumentException("Tensor shape " + Arrays.toString(shape) + " has "
        + count + " elements, more than a Java array holds (2^31 - 9); split the batch.");
  }

  static IllegalArgumentException dataSizeMismatch(int[] shape, int length) {
    return new IllegalArgumentException("Tensor shape " + Arrays.toString(shape)
        + " needs as many values as the product of its dimensions but got " + length + ".");
  }

  static IllegalArgumentException invalidOperand(int offset, int leadingDim, int outerStride,
      int innerStride) {
    return new IllegalArgumentException("Invalid batched operand: offset " + offset
        + ", leading dimension " + leadingDim + ", strides " + outerStride + " and "
        + innerStride + "; the offset and strides must be >= 0 and the leading dimension >= 1.");
  }

  static IllegalArgumentException invalidMask(int keyPaddingStride, int queryOffset) {
    return new IllegalArgumentException("Invalid attention mask: key padding stride "
        + keyPaddingStride + " and query offset " + queryOffset + " must be >= 0.");
  }

  static IllegalArgumentException wrongBackend(Tensor tensor, String backend) {
    return new IllegalArgumentException("Tensor " + tensor + " does not belong to the "
        + backend + " backend; create tensors with the Compute that operates on them.");
  }

  static IllegalArgumentException sizeMismatch(String operation, String operand, long expected,
      int actual) {
    return new IllegalArgumentException(operation + ": " + operand + " must have at least "
        + expected + " elements for the requested shape but has " + actual + ".");
  }

  static IllegalArgumentException sameSizeRequired(String operation, Tensor first,
      Tensor second) {
    return new IllegalArgumentException(operation + ": " + first + " and " + second
        + " must have the same number of elements.");
  }

  static IllegalArgumentException notDivisible(String operation, Tensor tensor, int width) {
    return new IllegalArgumentException(operation + ": " + tensor + " must hold whole rows of "
        + width + " elements but has " + tensor.size() + ".");
  }

  static IllegalArgumentException indexOutOfRange(String operation, int position, int index,
      int limit) {
    return new IllegalArgumentException(operation + ": index " + index + " at position "
        + position + " must be in [0, " + limit + ").");
  }

  static IllegalArgumentException cachePositionOutOfRange(int position, int limit) {
    return new IllegalArgumentException("Key/value cache position " + position
        + " must be in [0, " + limit + "); allocate the cache with a larger capacity (the"
        + " maximum number of decoding steps).");
  }

  static IllegalArgumentException sameTensor(String operation) {
    return new IllegalArgumentException(operation + ": the output must be another tensor than"
        + " the input; pass a second buffer of the same shape.");
  }

  static IllegalArgumentException invalidThreads(int threads) {
    return new IllegalArgumentException("Compute threads must be at least 1 but got "
        + threads + "; grant the number of cores this task may use.");
  }

  static IllegalArgumentException invalidRate(double rate) {
    return new IllegalArgumentException("Dropout rate must be in [0, 1) but got " + rate + ".");
  }

  static IllegalStateException closed(String backend) {
    return new IllegalStateException("The " + backend
        + " compute backend is closed; create a new one.");
  }
}
