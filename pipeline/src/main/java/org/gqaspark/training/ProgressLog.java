package org.gqaspark.training;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress lines of a training run, one every N steps. A line has the step, the mean
 * loss of the steps since the last line, the learning rate, the gradient norm, target tokens
 * per second, the share of step time spent communicating, skipped steps, and the time left
 * as estimated from the rate of this attempt.
 */
final class ProgressLog {

  private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

  private final String runId;
  private final long totalSteps;
  private final long every;
  private final long firstStep;
  private final long attemptStartNanos = System.nanoTime();

  private long intervalStartNanos = attemptStartNanos;
  private double lossSum;
  private long lossTokens;
  private long tokens;
  private double stepSeconds;
  private double communicationSeconds;
  private long skipped;

  /**
   * @param firstStep the first step this attempt runs (1 for a new run)
   */
  ProgressLog(String runId, long totalSteps, long every, long firstStep) {
    this.runId = runId;
    this.totalSteps = totalSteps;
    this.every = every;
    this.firstStep = firstStep;
  }

  /** Records a step and logs a line when the step closes an interval or the run. */
  void step(long step, double loss, long stepTokens, double learningRate, double gradientNorm,
      double seconds, double communication, boolean skippedStep, long totalSkipped) {
    if (Double.isFinite(loss)) {
      lossSum += loss * stepTokens;
      lossTokens += stepTokens;
    }
    tokens += stepTokens;
    stepSeconds += seconds;
    communicationSeconds += communication;
    if (skippedStep) {
      skipped++;
    }
    if (step % every != 0 && step != totalSteps) {
      return;
    }

    long now = System.nanoTime();
    double interval = (now - intervalStartNanos) / 1e9;
    double elapsed = (now - attemptStartNanos) / 1e9;
    long done = step - firstStep + 1;
    double eta = elapsed / done * (totalSteps - step);
    LOG.info("Run {} step {}/{}: loss {}, learning rate {}, gradient norm {}, {} tokens/s,"
        + " communication {}% of step time, {} skipped in this interval ({} in the run),"
        + " ETA {}", runId, step, totalSteps,
        lossTokens == 0 ? "n/a" : String.format("%.4f", lossSum / lossTokens),
        String.format("%.3g", learningRate), String.format("%.3g", gradientNorm),
        String.format("%.0f", tokens / Math.max(interval, 1e-9)),
        String.format("%.0f", 100 * communicationSeconds / Math.max(stepSeconds, 1e-9)),
        skipped, totalSkipped, format(Duration.ofSeconds(Math.round(eta))));
    intervalStartNanos = now;
    lossSum = 0;
    lossTokens = 0;
    tokens = 0;
    stepSeconds = 0;
    communicationSeconds = 0;
    skipped = 0;
  }

  private static String format(Duration duration) {
    long hours = duration.toHours();
    return hours > 0 ? String.format("%dh%02dm", hours, duration.toMinutesPart())
        : String.format("%dm%02ds", duration.toMinutes(), duration.toSecondsPart());
  }
}
