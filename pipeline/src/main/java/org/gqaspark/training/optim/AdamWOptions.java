package org.gqaspark.training.optim;

/**
 * Options of {@link AdamW}, with PyTorch's names and defaults ({@code torch.optim.AdamW}).
 *
 * @param beta1 decay of the first moment, in [0, 1)
 * @param beta2 decay of the second moment, in [0, 1)
 * @param epsilon added to the square root of the second moment, > 0
 * @param weightDecay decoupled weight decay per unit learning rate, >= 0
 */
public record AdamWOptions(double beta1, double beta2, double epsilon, double weightDecay) {

  /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
  public static final AdamWOptions DEFAULTS = new AdamWOptions(0.9, 0.999, 1e-8, 0.01);

  public AdamWOptions {
    if (!(beta1 >= 0 && beta1 < 1)) {
      throw OptimErrors.invalidOption("beta1", beta1, "in [0, 1)");
    }
    if (!(beta2 >= 0 && beta2 < 1)) {
      throw OptimErrors.invalidOption("beta2", beta2, "in [0, 1)");
    }
    if (!(epsilon > 0)) {
      throw OptimErrors.invalidOption("epsilon", epsilon, "positive");
    }
    if (!(weightDecay >= 0)) {
      throw OptimErrors.invalidOption("weightDecay", weightDecay, ">= 0");
    }
  }
}
