package org.gqaspark.checkpoint;

import java.util.Arrays;

/**
 * A dense row-major tensor of 32-bit floats: the form in which checkpoints hand tensors to
 * the model and take them back. The last dimension varies fastest, as in PyTorch and in
 * safetensors files, so a linear weight of shape [out, in] stores row {@code o} at
 * {@code data[o * in .. (o + 1) * in)}.
 *
 * <p>The data array is shared, not copied: a checkpoint of a large model holds hundreds of
 * megabytes, and the caller that builds a tensor hands its array over.
 */
public final class FloatTensor {

  private final int[] shape;
  private final float[] data; // [product(shape)]

  /**
   * Wraps {@code data} as a tensor of {@code shape}.
   *
   * @throws IllegalArgumentException when a dimension is negative or the number of elements
   *     differs from {@code data.length}
   */
  public FloatTensor(int[] shape, float[] data) {
    long elements = 1;
    for (int dimension : shape) {
      if (dimension < 0) {
        throw CheckpointErrors.negativeDimension(shape);
      }
      elements *= dimension;
      if (elements > Integer.MAX_VALUE) {
        throw CheckpointErrors.tensorDataMismatch(shape, data.length);
      }
    }
    if (elements != data.length) {
      throw CheckpointErrors.tensorDataMismatch(shape, data.length);
    }
    this.shape = shape.clone();
    this.data = data;
  }

  /** Returns a tensor of zeros. */
  public static FloatTensor zeros(int... shape) {
    long elements = 1;
    for (int dimension : shape) {
      elements *= Math.max(dimension, 0);
    }
    if (elements > Integer.MAX_VALUE) {
      throw CheckpointErrors.tensorDataMismatch(shape, -1);
    }
    return new FloatTensor(shape, new float[(int) elements]);
  }

  /** Returns a copy of the shape. */
  public int[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  /** Size of dimension {@code axis}. */
  public int dim(int axis) {
    return shape[axis];
  }

  /** Number of elements. */
  public int size() {
    return data.length;
  }

  /** Returns the backing array, not a copy: writes to it change this tensor. */
  public float[] data() {
    return data;
  }

  /** Returns the shape in the form checkpoint headers and error messages use, e.g. [512, 64]. */
  public String shapeString() {
    return Arrays.toString(shape);
  }

  /** Whether the shape equals {@code other}. */
  public boolean hasShape(int... other) {
    return Arrays.equals(shape, other);
  }

  /**
   * Equal shapes and bit-identical elements ({@link Float#floatToIntBits}), so two NaNs are
   * equal and 0.0 differs from -0.0.
   */
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof FloatTensor tensor)) {
      return false;
    }
    return Arrays.equals(shape, tensor.shape) && Arrays.equals(data, tensor.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "FloatTensor" + shapeString();
  }
}
