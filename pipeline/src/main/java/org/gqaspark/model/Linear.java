package org.gqaspark.model;

import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.Tensor;

/**
 * A bias-free linear layer, {@code y = x W^T}, with W [out, in] as PyTorch stores it.
 * Dimensions: N rows (tokens), in and out features.
 */
final class Linear {

  private final Compute compute;
  private final Parameter weight; // W [out, in]
  private final int in;
  private final int out;

  Linear(Compute compute, Parameter weight) {
    this.compute = compute;
    this.weight = weight;
    this.out = weight.spec().shape()[0];
    this.in = weight.spec().shape()[1];
  }

  int in() {
    return in;
  }

  int out() {
    return out;
  }

  Parameter weight() {
    return weight;
  }

  /** y [N, out] = x [N, in] W^T. */
  void forward(Tensor x, Tensor y, int rows) {
    compute.matmul(false, true, rows, out, in, 1f, x, weight.value(), 0f, y);
  }

  /**
   * Backward of y = x W^T: dx [N, in] = dy [N, out] W, written or (when {@code accumulate})
   * added to dx; dW [out, in] += dy^T x.
   */
  void backward(Tensor x, Tensor dy, Tensor dx, boolean accumulate, int rows) {
    compute.matmul(false, false, rows, in, out, 1f, dy, weight.value(), accumulate ? 1f : 0f,
        dx);
    compute.matmul(true, false, out, in, rows, 1f, dy, x, 1f, weight.gradient());
  }
}
