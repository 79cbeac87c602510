package org.gqaspark.model.compute;

/** A tensor of 32-bit floats in a JVM array, used by {@link FloatCompute}. */
public final class FloatTensor extends Tensor {

  private final float[] data;

  FloatTensor(float[] data, int[] shape) {
    super(shape);
    if (data.length != size()) {
      throw ComputeErrors.dataSizeMismatch(shape, data.length);
    }
    this.data = data;
  }

  /**
   * The backing array, row-major, of length {@link #size()}. Writes go straight into the
   * tensor; optimizers use this to update parameters in place.
   */
  public float[] data() {
    return data;
  }
}
