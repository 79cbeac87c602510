package org.gqaspark.experiment;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the progress of an experiment: step i of n, the phase, elapsed time and an estimate of
 * the time left. Each remaining training step counts at the seconds per step measured so far
 * in its phase, or in any training phase before its own has run. Each remaining other step
 * counts at the mean time of the steps of its phase that ran. Phases with no measurement yet
 * count as zero, so the estimate is low early on.
 */
final class ExperimentProgress {

  private static final Logger LOG = LoggerFactory.getLogger(ExperimentProgress.class);

  private final List<PlannedStep> steps;
  private final long start = System.nanoTime();
  private final Map<ExperimentPhase, double[]> trainingTotals =
      new EnumMap<>(ExperimentPhase.class);
  private final Map<ExperimentPhase, double[]> otherTotals = new EnumMap<>(ExperimentPhase.class);
  private int done;

  ExperimentProgress(List<PlannedStep> steps) {
    this.steps = List.copyOf(steps);
  }

  /** Logs the start of the next step. */
  void starting(PlannedStep step) {
    LOG.info("Step {} of {} ({} {} of {}): {} starting; elapsed {}, {}.", done + 1,
        steps.size(), step.phase(), indexInPhase(step), countInPhase(step.phase()),
        step.runId(), format(elapsedSeconds()), eta());
  }

  /** Logs a step that is skipped because it already succeeded. */
  void skipped(PlannedStep step, String reason) {
    done++;
    LOG.info("Step {} of {} ({} {} of {}): {} skipped: {}.", done, steps.size(), step.phase(),
        indexInPhase(step), countInPhase(step.phase()), step.runId(), reason);
  }

  /** Records the duration of a step that ran and logs it. */
  void finished(PlannedStep step, double seconds) {
    done++;
    if (step.trainingSteps() > 0) {
      double[] totals = trainingTotals.computeIfAbsent(step.phase(), p -> new double[2]);
      totals[0] += seconds;
      totals[1] += step.trainingSteps();
    } else {
      double[] totals = otherTotals.computeIfAbsent(step.phase(), p -> new double[2]);
      totals[0] += seconds;
      totals[1] += 1;
    }
    LOG.info("Step {} of {} ({}): {} done in {}; elapsed {}, {}.", done, steps.size(),
        step.phase(), step.runId(), format(seconds), format(elapsedSeconds()), eta());
  }

  double elapsedSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  private String eta() {
    if (done >= steps.size()) {
      return "nothing left";
    }
    double overallSeconds = 0;
    double overallSteps = 0;
    for (double[] totals : trainingTotals.values()) {
      overallSeconds += totals[0];
      overallSteps += totals[1];
    }
    double left = 0;
    boolean measured = false;
    for (PlannedStep step : steps.subList(done, steps.size())) {
      if (step.trainingSteps() > 0) {
        double[] totals = trainingTotals.get(step.phase());
        double perStep = totals != null ? totals[0] / totals[1]
            : overallSteps > 0 ? overallSeconds / overallSteps : 0;
        left += perStep * step.trainingSteps();
        measured |= perStep > 0;
      } else if (otherTotals.containsKey(step.phase())) {
        double[] totals = otherTotals.get(step.phase());
        left += totals[0] / totals[1];
        measured = true;
      }
    }
    return measured ? "about " + format(left) + " left" : "time left not yet estimated";
  }

  private int indexInPhase(PlannedStep step) {
    int index = 0;
    for (PlannedStep other : steps) {
      if (other.phase() == step.phase()) {
        index++;
      }
      if (other == step) {
        return index;
      }
    }
    return index;
  }

  private long countInPhase(ExperimentPhase phase) {
    return steps.stream().filter(step -> step.phase() == phase).count();
  }

  /** Formats seconds as 1h02m, 3m05s or 4.2s. */
  static String format(double seconds) {
    Duration duration = Duration.ofMillis(Math.round(seconds * 1000));
    if (duration.toHours() > 0) {
      return String.format("%dh%02dm", duration.toHours(), duration.toMinutesPart());
    }
    if (duration.toMinutes() > 0) {
      return String.format("%dm%02ds", duration.toMinutes(), duration.toSecondsPart());
    }
    return String.format("%.1fs", seconds);
  }
}
