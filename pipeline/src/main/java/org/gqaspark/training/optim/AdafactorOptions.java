package org.gqaspark.training.optim;

import java.util.OptionalDouble;

/**
 * Options of {@link Adafactor}, with the names and defaults of Hugging Face's
 * {@code transformers.optimization.Adafactor} (transformers 4.x).
 *
 * @param epsilon1 added to squared gradients ({@code eps[0]}, default 1e-30)
 * @param epsilon2 lower bound of the parameter scale ({@code eps[1]}, default 1e-3)
 * @param clipThreshold maximum RMS of an update before scaling ({@code clip_threshold}, 1.0)
 * @param decayRate exponent of the second-moment decay {@code 1 - t^decayRate}
 *     ({@code decay_rate}, -0.8)
 * @param beta1 decay of a first moment; empty for none ({@code beta1}, None)
 * @param weightDecay weight decay per unit learning rate ({@code weight_decay}, 0)
 * @param scaleParameter whether the step is multiplied by max(epsilon2, RMS(parameter))
 *     ({@code scale_parameter}, true)
 * @param relativeStep whether the step size is min(1e-2, 1/sqrt(t)) instead of the given
 *     learning rate ({@code relative_step}, true)
 * @param warmupInit whether the relative step starts at 1e-6 * t ({@code warmup_init},
 *     false; needs relativeStep)
 */
public record AdafactorOptions(double epsilon1, double epsilon2, double clipThreshold,
    double decayRate, OptionalDouble beta1, double weightDecay, boolean scaleParameter,
    boolean relativeStep, boolean warmupInit) {

  /** Hugging Face's defaults: relative step size, parameter scaling, no first moment. */
  public static final AdafactorOptions DEFAULTS = new AdafactorOptions(1e-30, 1e-3, 1.0, -0.8,
      OptionalDouble.empty(), 0.0, true, true, false);

  /**
   * The setting that Hugging Face's documentation recommends for fine-tuning T5 with an
   * external learning rate (for example 1e-3): no relative step, no parameter scaling.
   */
  public static final AdafactorOptions EXTERNAL_LEARNING_RATE = new AdafactorOptions(1e-30,
      1e-3, 1.0, -0.8, OptionalDouble.empty(), 0.0, false, false, false);

  public AdafactorOptions {
    if (!(epsilon1 >= 0)) {
      throw OptimErrors.invalidOption("epsilon1", epsilon1, ">= 0");
    }
    if (!(epsilon2 >= 0)) {
      throw OptimErrors.invalidOption("epsilon2", epsilon2, ">= 0");
    }
    if (!(clipThreshold > 0)) {
      throw OptimErrors.invalidOption("clipThreshold", clipThreshold, "positive");
    }
    if (!(decayRate < 0)) {
      throw OptimErrors.invalidOption("decayRate", decayRate, "negative (T5 uses -0.8)");
    }
    if (beta1.isPresent() && !(beta1.getAsDouble() >= 0 && beta1.getAsDouble() < 1)) {
      throw OptimErrors.invalidOption("beta1", beta1.getAsDouble(), "in [0, 1) or absent");
    }
    if (!(weightDecay >= 0)) {
      throw OptimErrors.invalidOption("weightDecay", weightDecay, ">= 0");
    }
    if (warmupInit && !relativeStep) {
      throw OptimErrors.invalidOption("warmupInit", true, "false unless relativeStep is true");
    }
  }

  /** Returns these options with a first moment of decay {@code beta1}. */
  public AdafactorOptions withBeta1(double value) {
    return new AdafactorOptions(epsilon1, epsilon2, clipThreshold, decayRate,
        OptionalDouble.of(value), weightDecay, scaleParameter, relativeStep, warmupInit);
  }
}
