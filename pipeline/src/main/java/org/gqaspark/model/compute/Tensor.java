package org.gqaspark.model.compute;

import java.util.Arrays;

/**
 * A dense row-major tensor that belongs to one {@link Compute} backend. Layers never read
 * its elements: they pass tensors to the backend's operations, so a backend may keep the
 * values anywhere (JVM arrays today, device memory later). Host code reads and writes values
 * through {@link Compute#toFloats} and {@link Compute#copyFromFloats}.
 */
public abstract sealed class Tensor permits FloatTensor, DoubleTensor {

  private final int[] shape;
  private final int size;

  Tensor(int[] shape) {
    this.shape = shape.clone();
    long count = 1;
    for (int dim : shape) {
      if (dim < 0) {
        throw ComputeErrors.invalidShape(shape);
      }
      count *= dim;
    }
    if (count > Integer.MAX_VALUE - 8) {
      throw ComputeErrors.tensorTooLarge(shape, count);
    }
    this.size = (int) count;
  }

  /** Dimensions, outermost first; a copy. */
  public int[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public int dim(int axis) {
    return shape[axis];
  }

  /** Number of elements: the product of the dimensions. */
  public int size() {
    return size;
  }

  public boolean hasShape(int... dims) {
    return Arrays.equals(shape, dims);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + Arrays.toString(shape);
  }
}
