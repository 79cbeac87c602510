package org.gqaspark.model;

import java.util.Arrays;

/**
 * Name and shape of one model parameter, as in a Hugging Face state dict. Linear weights
 * are [out, in], as PyTorch stores them.
 */
public record ParameterSpec(String name, int[] shape) {

  public ParameterSpec {
    shape = shape.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  public int size() {
    int size = 1;
    for (int dim : shape) {
      size *= dim;
    }
    return size;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ParameterSpec spec && spec.name.equals(name)
        && Arrays.equals(spec.shape, shape);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
