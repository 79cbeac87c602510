package org.gqaspark.tensor;

/** Bounds checks for the (array, offset, length) slices the float kernels take. */
final class Slices {

  private Slices() {}

  /**
   * Checks that {@code array[offset, offset + length)} exists.
   *
   * @throws IllegalArgumentException naming the array, the slice and the array length
   */
  static void check(String name, float[] array, int offset, int length) {
    if (length < 0) {
      throw TensorErrors.negativeOffset(name + " length", length);
    }
    if (offset < 0) {
      throw TensorErrors.negativeOffset(name + " offset", offset);
    }
    if ((long) offset + length > array.length) {
      throw TensorErrors.sliceOutOfBounds(name, offset, length, array.length);
    }
  }
}
