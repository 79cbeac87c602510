package org.gqaspark.model;

import org.gqaspark.model.compute.Tensor;

/**
 * One trainable tensor of the model and the gradient that backward passes add to.
 *
 * @param spec Hugging Face name and shape
 * @param value the weights, of {@code spec}'s shape
 * @param gradient accumulated d loss / d value, same shape; zeroed by
 *     {@link ParameterStore#zeroGradients()}
 */
public record Parameter(ParameterSpec spec, Tensor value, Tensor gradient) {

  public String name() {
    return spec.name();
  }
}
