package org.gqaspark.experiment;

import com.typesafe.config.Config;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.checkpoint.ModelCheckpoint;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.RunRecord;
import org.gqaspark.tables.RunsTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an experiment's plan: every step of the selected phases in order, skipping the runs
 * that already succeeded with a complete output, so a failed or killed experiment resumes
 * where it stopped. A training step that was killed resumes from its newest complete
 * checkpoint.
 */
public final class ExperimentRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

  private ExperimentRunner() {}

  /**
   * The outcome of one step.
   *
   * @param ran false when the step was skipped because it had already succeeded
   * @param seconds wall-clock seconds of the step (0 when skipped)
   */
  public record StepOutcome(PlannedStep step, boolean ran, double seconds) {}

  /** The outcome of an invocation: the plan, the steps of the selected phases, the total time. */
  public record Result(ExperimentPlan plan, List<StepOutcome> steps, double seconds) {

    public Result {
      steps = List.copyOf(steps);
    }

    /** Returns how many steps ran (were not skipped). */
    public long ranCount() {
      return steps.stream().filter(StepOutcome::ran).count();
    }
  }

  /**
   * Plans the experiment and runs the selected phases.
   *
   * @param phases the phases to run; empty for all
   * @param confFile the experiment file as the user named it, for messages
   * @param evaluation the evaluate and decode-benchmark actions, or null to plan neither
   * @throws ExperimentErrors.MissingDependencyException before any work when a selected
   *     phase needs a run of an unselected phase that has not succeeded
   */
  public static Result run(SparkSession spark, ExperimentSettings settings,
      Set<ExperimentPhase> phases, String confFile, EvaluationActions evaluation)
      throws Exception {
    ExperimentContext context = new ExperimentContext(spark, settings,
        new RunsTable(spark, settings.tables()), confFile);
    ExperimentPlan plan = ExperimentPlan.build(settings, numHeads(context), evaluation);
    Set<ExperimentPhase> selected = phases.isEmpty() ? EnumSet.allOf(ExperimentPhase.class)
        : EnumSet.copyOf(phases);
    List<PlannedStep> steps = plan.steps().stream()
        .filter(step -> selected.contains(step.phase())).toList();
    LOG.info("Experiment {}: {} runs planned, {} in the selected phases {}; tables under {},"
        + " checkpoints under {}.", settings.id(), plan.steps().size(), steps.size(),
        selected, settings.tables().root(), settings.trainingOutputDir());
    checkDependencies(context, plan, steps, selected);

    ExperimentProgress progress = new ExperimentProgress(steps);
    List<StepOutcome> outcomes = new ArrayList<>();
    for (PlannedStep step : steps) {
      Optional<String> done = completion(context, step);
      if (done.isPresent()) {
        progress.skipped(step, done.get());
        outcomes.add(new StepOutcome(step, false, 0));
        continue;
      }
      progress.starting(step);
      long start = System.nanoTime();
      try {
        step.action().run(context, step);
      } catch (Exception | Error e) {
        LOG.error("Experiment {}: run {} ({}) failed; rerun the same command to resume.",
            settings.id(), step.runId(), step.phase(), e);
        throw e;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      progress.finished(step, seconds);
      outcomes.add(new StepOutcome(step, true, seconds));
    }
    LOG.info("Experiment {}: {} of {} runs ran, {} skipped, in {}.", settings.id(),
        outcomes.stream().filter(StepOutcome::ran).count(), outcomes.size(),
        outcomes.stream().filter(outcome -> !outcome.ran()).count(),
        ExperimentProgress.format(progress.elapsedSeconds()));
    return new Result(plan, outcomes, progress.elapsedSeconds());
  }

  /**
   * Returns why a step counts as done (its run succeeded and its output is complete), or
   * empty when it must run.
   */
  private static Optional<String> completion(ExperimentContext context, PlannedStep step)
      throws Exception {
    Optional<RunRecord> row = context.row(step.runId());
    if (row.isEmpty() || row.get().status() != RunRecord.Status.SUCCEEDED) {
      return Optional.empty();
    }
    Optional<String> problem = step.action().checkOutput(context, row.get());
    if (problem.isPresent()) {
      LOG.warn("Run {} ({}) succeeded before but its output is incomplete ({}); running it"
          + " again.", step.runId(), step.phase(), problem.get());
      return Optional.empty();
    }
    return Optional.of("succeeded at " + row.get().endTime() + ", output "
        + row.get().outputPath());
  }

  /** Checks that every run the selected steps read comes before them or has succeeded. */
  private static void checkDependencies(ExperimentContext context, ExperimentPlan plan,
      List<PlannedStep> steps, Set<ExperimentPhase> selected) throws Exception {
    for (PlannedStep step : steps) {
      for (RunId needed : step.dependencies()) {
        PlannedStep neededStep = plan.step(needed);
        if (selected.contains(neededStep.phase())) {
          continue;
        }
        String state = dependencyState(context, neededStep);
        if (state != null) {
          throw ExperimentErrors.missingDependency(step.phase(), step.runId().value(),
              neededStep.phase(), needed.value(), state, context.confFile());
        }
      }
    }
  }

  /** Returns what keeps a run from counting as succeeded, or null when it succeeded. */
  private static String dependencyState(ExperimentContext context, PlannedStep step)
      throws Exception {
    Optional<RunRecord> row = context.row(step.runId());
    if (row.isEmpty()) {
      return "has not run (no row in " + context.runs().path() + ")";
    }
    return switch (row.get().status()) {
      case RUNNING -> "is marked running (still running, or its process was killed)";
      case FAILED -> "failed: " + row.get().errorMessage();
      case SUCCEEDED -> step.action().checkOutput(context, row.get())
          .map(problem -> "succeeded but its output is incomplete: " + problem).orElse(null);
    };
  }

  /** Returns H: from the pretraining model block, or from the given checkpoint's config. */
  private static int numHeads(ExperimentContext context) throws IOException {
    ExperimentSettings settings = context.settings();
    if (settings.initCheckpoint() != null) {
      Path dir = new Path(settings.initCheckpoint());
      return ModelCheckpoint.readConfig(dir.getFileSystem(context.hadoop()), dir).numHeads();
    }
    Config train = settings.pretrainTrain().withFallback(settings.train());
    if (!train.hasPath("model.num-heads")) {
      throw ExperimentErrors.invalidSetting("experiment.pretrain.train.model.num-heads",
          "absent", "the model's head count (or set experiment.pretrain.init-checkpoint)");
    }
    return train.getInt("model.num-heads");
  }
}
