package org.gqaspark.model;

import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.Tensor;

/**
 * T5's layer norm: RMS normalisation with a learned scale and no mean subtraction or bias,
 * {@code y = w * x / sqrt(mean(x^2) + eps)} over each row of d_model. Dimensions: N rows.
 */
final class RmsNorm {

  private final Compute compute;
  private final Parameter weight; // w [d_model]
  private final double epsilon;

  RmsNorm(Compute compute, Parameter weight, double epsilon) {
    this.compute = compute;
    this.weight = weight;
    this.epsilon = epsilon;
  }

  /** y [N, d_model] = w * x * r, storing r = 1 / rms(x) per row in inverseRms [N]. */
  void forward(Tensor x, Tensor y, Tensor inverseRms) {
    compute.rmsNorm(x, weight.value(), epsilon, y, inverseRms);
  }

  /**
   * Backward of y = w * x * r, r = (mean(x^2) + eps)^-1/2: adds
   * dx = r w dy - x r^3 / d_model * sum(w dy x) to dx [N, d_model] and sum_rows(dy x r) to dw.
   */
  void backward(Tensor dy, Tensor x, Tensor inverseRms, Tensor dx) {
    compute.rmsNormBackward(dy, x, weight.value(), inverseRms, dx, weight.gradient());
  }
}
