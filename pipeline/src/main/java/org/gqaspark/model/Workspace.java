package org.gqaspark.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.Tensor;

/**
 * Scratch tensors shared by the layers of one model. Layers run one after another, so a
 * tensor that one layer needs only inside a single forward or backward call can be reused
 * by the next layer instead of being allocated per layer and step. Tensors that must
 * survive from forward to backward stay in the layers.
 */
final class Workspace {

  private final Compute compute;
  private final Map<String, Tensor> scratch = new HashMap<>();

  Workspace(Compute compute) {
    this.compute = compute;
  }

  Compute compute() {
    return compute;
  }

  /**
   * Returns the scratch tensor of this role and shape; its contents are whatever the last
   * user left. Two tensors in use at the same time must have different roles.
   */
  Tensor scratch(String role, int... shape) {
    String key = role + Arrays.toString(shape);
    return scratch.computeIfAbsent(key, unused -> compute.zeros(shape));
  }

  /** Returns {@code current} when it has this shape, else a new tensor of zeros. */
  Tensor reuse(Tensor current, int... shape) {
    return current != null && current.hasShape(shape) ? current : compute.zeros(shape);
  }
}
