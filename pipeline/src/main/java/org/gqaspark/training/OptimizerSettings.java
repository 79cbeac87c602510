package org.gqaspark.training;

import java.io.Serializable;
import java.util.Locale;
import java.util.OptionalDouble;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.training.optim.Adafactor;
import org.gqaspark.training.optim.AdafactorOptions;
import org.gqaspark.training.optim.AdamW;
import org.gqaspark.training.optim.AdamWOptions;
import org.gqaspark.training.optim.LearningRateSchedule;
import org.gqaspark.training.optim.Optimizer;

/**
 * The optimizer, its learning-rate schedule and gradient clipping, as the {@code optimizer}
 * block of a training job sets them.
 *
 * @param name {@code adamw} or {@code adafactor}
 * @param learningRate the peak rate of the schedule; Adafactor with a relative step ignores it
 * @param schedule {@code constant}, {@code inverse-sqrt} or {@code linear} (decay to 0 at the
 *     last step)
 * @param warmupSteps steps of linear warmup
 * @param maxGradNorm global-norm clipping threshold; 0 disables clipping
 * @param adamW AdamW's options (used when name is adamw)
 * @param adafactor Adafactor's options (used when name is adafactor)
 */
public record OptimizerSettings(String name, double learningRate, String schedule,
    long warmupSteps, double maxGradNorm, AdamWSettings adamW, AdafactorSettings adafactor)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** {@link AdamWOptions} in a form that Spark can ship to executors. */
  public record AdamWSettings(double beta1, double beta2, double epsilon, double weightDecay)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final AdamWSettings DEFAULTS = of(AdamWOptions.DEFAULTS);

    public AdamWSettings {
      new AdamWOptions(beta1, beta2, epsilon, weightDecay);
    }

    static AdamWSettings of(AdamWOptions options) {
      return new AdamWSettings(options.beta1(), options.beta2(), options.epsilon(),
          options.weightDecay());
    }

    public AdamWOptions options() {
      return new AdamWOptions(beta1, beta2, epsilon, weightDecay);
    }
  }

  /** {@link AdafactorOptions} in a form that Spark can ship; beta1 null means none. */
  public record AdafactorSettings(double epsilon1, double epsilon2, double clipThreshold,
      double decayRate, Double beta1, double weightDecay, boolean scaleParameter,
      boolean relativeStep, boolean warmupInit) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Hugging Face's recommendation for an external learning rate. */
    public static final AdafactorSettings EXTERNAL_LEARNING_RATE =
        of(AdafactorOptions.EXTERNAL_LEARNING_RATE);

    public AdafactorSettings {
      new AdafactorOptions(epsilon1, epsilon2, clipThreshold, decayRate,
          beta1 == null ? OptionalDouble.empty() : OptionalDouble.of(beta1), weightDecay,
          scaleParameter, relativeStep, warmupInit);
    }

    static AdafactorSettings of(AdafactorOptions options) {
      return new AdafactorSettings(options.epsilon1(), options.epsilon2(),
          options.clipThreshold(), options.decayRate(),
          options.beta1().isPresent() ? options.beta1().getAsDouble() : null,
          options.weightDecay(), options.scaleParameter(), options.relativeStep(),
          options.warmupInit());
    }

    public AdafactorOptions options() {
      return new AdafactorOptions(epsilon1, epsilon2, clipThreshold, decayRate,
          beta1 == null ? OptionalDouble.empty() : OptionalDouble.of(beta1), weightDecay,
          scaleParameter, relativeStep, warmupInit);
    }
  }

  public static final String ADAMW = "adamw";
  public static final String ADAFACTOR = "adafactor";

  public OptimizerSettings {
    name = name.toLowerCase(Locale.ROOT);
    if (!name.equals(ADAMW) && !name.equals(ADAFACTOR)) {
      throw TrainingErrors.invalidSetting("optimizer.name", name, "adamw or adafactor");
    }
    if (!schedule.equals("constant") && !schedule.equals("inverse-sqrt")
        && !schedule.equals("linear")) {
      throw TrainingErrors.invalidSetting("optimizer.schedule", schedule,
          "constant, inverse-sqrt or linear");
    }
    if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
      throw TrainingErrors.invalidSetting("optimizer.learning-rate", learningRate,
          "finite and >= 0");
    }
    if (warmupSteps < 0) {
      throw TrainingErrors.invalidSetting("optimizer.warmup-steps", warmupSteps, ">= 0");
    }
    if (!(maxGradNorm >= 0)) {
      throw TrainingErrors.invalidSetting("optimizer.max-grad-norm", maxGradNorm,
          ">= 0 (0 disables clipping)");
    }
  }

  /** AdamW with PyTorch's defaults, a constant rate and clipping at 1. */
  public static OptimizerSettings adamW(double learningRate) {
    return new OptimizerSettings(ADAMW, learningRate, "constant", 0, 1.0,
        AdamWSettings.DEFAULTS, AdafactorSettings.EXTERNAL_LEARNING_RATE);
  }

  /** Returns a new optimizer over the store's parameters. */
  public Optimizer create(ParameterStore store) {
    return name.equals(ADAMW) ? new AdamW(store, adamW.options())
        : new Adafactor(store, adafactor.options());
  }

  /** Returns the learning-rate schedule of a run of {@code totalSteps} steps. */
  public LearningRateSchedule schedule(long totalSteps) {
    return switch (schedule) {
      case "constant" -> LearningRateSchedule.constant(learningRate, warmupSteps);
      case "inverse-sqrt" -> LearningRateSchedule.inverseSquareRoot(learningRate, warmupSteps);
      default -> LearningRateSchedule.linearDecay(learningRate, warmupSteps, totalSteps);
    };
  }

  /** Returns a one-line description for logs. */
  public String describe() {
    String options = name.equals(ADAMW) ? adamW.options().toString()
        : adafactor.options().toString();
    return name + " " + options + ", learning rate " + learningRate + " (" + schedule
        + ", warmup " + warmupSteps + " steps), "
        + (maxGradNorm > 0 ? "clipping at global norm " + maxGradNorm : "no clipping");
  }
}
