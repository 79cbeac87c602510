package org.gqaspark.training.optim;

import org.gqaspark.model.Parameter;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.compute.Compute;

/**
 * Global-norm gradient clipping as PyTorch's {@code torch.nn.utils.clip_grad_norm_}: when
 * the L2 norm of all gradients together exceeds {@code maxNorm}, every gradient is
 * multiplied by {@code maxNorm / (norm + 1e-6)}.
 */
public final class GradientClipping {

  private GradientClipping() {}

  /** Returns the L2 norm of all gradients of the store, as one vector. */
  public static double globalNorm(ParameterStore store) {
    Compute compute = store.compute();
    double squares = 0;
    for (Parameter parameter : store.parameters()) {
      squares += compute.sumOfSquares(parameter.gradient());
    }
    return Math.sqrt(squares);
  }

  /**
   * Clips the gradients of the store to a global norm of {@code maxNorm}.
   *
   * @return the norm before clipping, for the training log
   */
  public static double clipGlobalNorm(ParameterStore store, double maxNorm) {
    if (!(maxNorm > 0)) {
      throw OptimErrors.invalidOption("maxNorm", maxNorm, "positive");
    }
    double norm = globalNorm(store);
    double coefficient = maxNorm / (norm + 1e-6);
    if (coefficient < 1) {
      for (Parameter parameter : store.parameters()) {
        store.compute().scale(parameter.gradient(), (float) coefficient);
      }
    }
    return norm;
  }
}
