package org.gqaspark.model.compute;

/** A tensor of 64-bit doubles in a JVM array, used by the reference {@link DoubleCompute}. */
public final class DoubleTensor extends Tensor {

  private final double[] data;

  DoubleTensor(double[] data, int[] shape) {
    super(shape);
    if (data.length != size()) {
      throw ComputeErrors.dataSizeMismatch(shape, data.length);
    }
    this.data = data;
  }

  /** The backing array, row-major; gradient checks perturb single elements through it. */
  public double[] data() {
    return data;
  }
}
