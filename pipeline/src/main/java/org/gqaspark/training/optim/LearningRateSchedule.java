package org.gqaspark.training.optim;

/**
 * Learning rate per optimizer step. Steps count from 1: {@code rate(t)} is the rate of the
 * t-th update. During a warmup of W steps every schedule rises linearly, {@code peak * t / W},
 * so the first update already moves the weights (Hugging Face's LambdaLR schedules count
 * from 0 and give the first update rate 0).
 */
public sealed interface LearningRateSchedule {

  /** Returns the learning rate of update {@code step} (1 for the first). */
  double rate(long step);

  /** Returns a constant rate after an optional linear warmup. */
  static LearningRateSchedule constant(double rate, long warmupSteps) {
    return new Constant(rate, warmupSteps);
  }

  /**
   * Returns linear warmup to {@code peak}, then {@code peak * sqrt(W / t)}: T5's inverse
   * square root decay, continuous at the end of the warmup.
   */
  static LearningRateSchedule inverseSquareRoot(double peak, long warmupSteps) {
    return new InverseSquareRoot(peak, warmupSteps);
  }

  /**
   * Returns linear warmup to {@code peak}, then a linear decay that gives each of the
   * {@code totalSteps} updates a positive rate and reaches 0 after the last:
   * {@code peak * (total - t + 1) / (total - W)}.
   */
  static LearningRateSchedule linearDecay(double peak, long warmupSteps, long totalSteps) {
    return new LinearDecay(peak, warmupSteps, totalSteps);
  }

  private static void requireStep(long step) {
    if (step < 1) {
      throw OptimErrors.invalidStep(step);
    }
  }

  private static void requireValid(double peak, long warmupSteps) {
    if (!(peak >= 0) || Double.isInfinite(peak)) {
      throw OptimErrors.invalidOption("learning rate", peak, "finite and >= 0");
    }
    if (warmupSteps < 0) {
      throw OptimErrors.invalidOption("warmup steps", warmupSteps, ">= 0");
    }
  }

  private static double warmup(double peak, long step, long warmupSteps) {
    return peak * step / warmupSteps;
  }

  /** A constant rate after a linear warmup of {@code warmupSteps} (0 for none). */
  record Constant(double peak, long warmupSteps) implements LearningRateSchedule {

    public Constant {
      requireValid(peak, warmupSteps);
    }

    @Override
    public double rate(long step) {
      requireStep(step);
      return step <= warmupSteps ? warmup(peak, step, warmupSteps) : peak;
    }
  }

  /** Linear warmup, then {@code peak * sqrt(max(W, 1) / t)}. */
  record InverseSquareRoot(double peak, long warmupSteps) implements LearningRateSchedule {

    public InverseSquareRoot {
      requireValid(peak, warmupSteps);
    }

    @Override
    public double rate(long step) {
      requireStep(step);
      if (step <= warmupSteps) {
        return warmup(peak, step, warmupSteps);
      }
      return peak * Math.sqrt((double) Math.max(warmupSteps, 1) / step);
    }
  }

  /** Linear warmup, then linear decay to 0 after {@code totalSteps}. */
  record LinearDecay(double peak, long warmupSteps, long totalSteps)
      implements LearningRateSchedule {

    public LinearDecay {
      requireValid(peak, warmupSteps);
      if (totalSteps <= warmupSteps) {
        throw OptimErrors.invalidOption("total steps", totalSteps,
            "greater than the warmup steps (" + warmupSteps + ")");
      }
    }

    @Override
    public double rate(long step) {
      requireStep(step);
      if (step <= warmupSteps) {
        return warmup(peak, step, warmupSteps);
      }
      return peak * Math.max(0, totalSteps - step + 1) / (totalSteps - warmupSteps);
    }
  }
}
