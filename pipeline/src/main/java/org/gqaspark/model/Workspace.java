package org.gqaspark.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.Tensor;

/**
 * Scratch tensors shared by the layers of one model. Layers run one after another, so a
 * tensor that one layer needs only inside a single forward or backward call can be reused
 * by the next layer instead of being allocated per layer and step.
 *
 * <p>A training workspace lets every layer keep the activations its backward pass needs
 * ({@link #activation} returns the layer's own tensor). A forward-only workspace, for
 * inference, hands every layer the same scratch tensor per role instead, so memory does not
 * grow with the number of layers. No backward pass can follow a forward pass that used one.
 */
final class Workspace {

  private final Compute compute;
  private final boolean keepsActivations;
  private final Map<String, Tensor> scratch = new HashMap<>();

  /** Creates a training workspace, in which layers keep their activations for backward. */
  Workspace(Compute compute) {
    this(compute, true);
  }

  private Workspace(Compute compute, boolean keepsActivations) {
    this.compute = compute;
    this.keepsActivations = keepsActivations;
  }

  /** Creates a workspace for forward passes without backward (inference). */
  static Workspace forwardOnly(Compute compute) {
    return new Workspace(compute, false);
  }

  Compute compute() {
    return compute;
  }

  /**
   * Returns the scratch tensor of this role and shape; its contents are whatever the last
   * user left. Two tensors in use at the same time must have different roles. A training
   * workspace keeps one tensor per role and shape. A forward-only workspace keeps one per
   * role and replaces it when the shape changes, so that inputs of ever new lengths do not
   * accumulate tensors.
   */
  Tensor scratch(String role, int... shape) {
    if (!keepsActivations) {
      Tensor current = scratch.get(role);
      if (current == null || !current.hasShape(shape)) {
        current = compute.zeros(shape);
        scratch.put(role, current);
      }
      return current;
    }
    String key = role + Arrays.toString(shape);
    return scratch.computeIfAbsent(key, unused -> compute.zeros(shape));
  }

  /** Returns {@code current} when it has this shape, else a new tensor of zeros. */
  Tensor reuse(Tensor current, int... shape) {
    return current != null && current.hasShape(shape) ? current : compute.zeros(shape);
  }

  /**
   * Returns the tensor of an activation that a layer saves for its backward pass:
   * {@code current} or a new one (see {@link #reuse}) in a training workspace, and the
   * scratch tensor of {@code role} in a forward-only one. The roles of activations that are
   * alive at the same time in a forward pass must differ.
   */
  Tensor activation(Tensor current, String role, int... shape) {
    return keepsActivations ? reuse(current, shape) : scratch(role, shape);
  }
}
