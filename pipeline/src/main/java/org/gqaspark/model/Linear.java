package org.gqaspark.model;

import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.PackedWeight;
import org.gqaspark.model.compute.Tensor;

/**
 * A bias-free linear layer, {@code y = x W^T}, with W [out, in] as PyTorch stores it.
 * Dimensions: N rows (tokens), in and out features.
 */
final class Linear {

  /** Most rows for which {@link #forward} uses the packed copy of W; more use W itself. */
  static final int PACKED_MAX_ROWS = 64;

  private final Compute compute;
  private final Parameter weight; // W [out, in]
  private final int in;
  private final int out;
  private PackedWeight packed; // a copy of W for few rows (decoding), or null

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

  /**
   * Keeps a copy of W in the backend's layout for products with few rows, which
   * {@link #forward} uses from then on for up to {@value #PACKED_MAX_ROWS} rows. The copy is
   * a snapshot: only layers that never train (a decoder's) may keep one.
   */
  void packForDecoding() {
    packed = compute.packWeight(weight.value(), out, in);
  }

  /** y [N, out] = x [N, in] W^T. */
  void forward(Tensor x, Tensor y, int rows) {
    if (packed != null && rows <= PACKED_MAX_ROWS) {
      compute.matmul(rows, 1f, x, packed, y);
      return;
    }
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
