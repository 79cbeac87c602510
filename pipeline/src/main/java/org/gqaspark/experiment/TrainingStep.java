package org.gqaspark.experiment;

import com.typesafe.config.Config;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.gqaspark.checkpoint.CheckpointMarker;
import org.gqaspark.checkpoint.InvalidCheckpointException;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.RunRecord;
import org.gqaspark.training.TrainingConfig;
import org.gqaspark.training.TrainingJob;
import org.gqaspark.training.TrainingJobConfig;

/**
 * A pretrain, uptrain or fine-tune step: builds the train block that {@code gqa pretrain},
 * {@code uptrain} or {@code finetune} would read (the experiment's train defaults, the
 * phase's overrides, and the keys the plan fixes: run folder, tokenize run, vocabulary,
 * initial checkpoint, lineage) and runs {@link TrainingJob}, which resumes from the run's
 * newest complete checkpoint.
 *
 * @param phase pretrain, uptrain or finetune
 * @param train the phase's train block before the plan's keys
 * @param tokenizeRunId the tokenize run whose examples to read
 * @param vocabulary the SentencePiece model path
 * @param initCheckpoint a fixed initial checkpoint (an external multi-head model), or null
 *     to start from the output of the lineage parent (or from random weights to pretrain)
 * @param parentRunId the lineage parent recorded in the runs table, or null
 * @param steps the step count, or null to size uptraining by {@code alpha}
 * @param alpha the uptraining fraction of the variant, or null for pretraining
 * @param conversionMethod the variant's conversion method, or null
 */
record TrainingStep(String phase, Config train, RunId tokenizeRunId, String vocabulary,
    String initCheckpoint, RunId parentRunId, Long steps, Double alpha,
    String conversionMethod) implements StepAction {

  @Override
  public String run(ExperimentContext context, PlannedStep step) throws Exception {
    String init = null;
    if (!phase.equals(TrainingJobConfig.PRETRAIN)) {
      init = initCheckpoint != null ? initCheckpoint : context.outputOf(step, step.parent());
    }
    Config root = jobConfig(context.settings(), init);
    TrainingJobConfig job = TrainingConfig.read(root, phase, step.runId().value());
    return TrainingJob.run(context.spark(), job, ExperimentContext.render(root))
        .finalCheckpoint();
  }

  @Override
  public Optional<String> checkOutput(ExperimentContext context, RunRecord row)
      throws Exception {
    return checkCheckpoint(context, row.outputPath());
  }

  /**
   * Returns the job file that {@code gqa <phase>} would read for this step.
   *
   * @param init the initial checkpoint; ignored when pretraining
   */
  Config jobConfig(ExperimentSettings settings, String init) {
    Config fixed = ExperimentContext.at("output-dir", settings.trainingOutputDir())
        .withFallback(ExperimentContext.at("data.tokenize-run-id", tokenizeRunId.value()))
        .withFallback(ExperimentContext.at("data.vocabulary", vocabulary));
    if (!phase.equals(TrainingJobConfig.PRETRAIN)) {
      fixed = fixed.withFallback(ExperimentContext.at("init-checkpoint", init));
    }
    if (parentRunId != null) {
      fixed = fixed.withFallback(ExperimentContext.at("parent-run-id", parentRunId.value()));
    }
    if (alpha != null) {
      fixed = fixed.withFallback(ExperimentContext.at("alpha", alpha));
    }
    if (conversionMethod != null) {
      fixed = fixed.withFallback(ExperimentContext.at("conversion-method", conversionMethod));
    }
    Config merged = train;
    if (steps != null) {
      fixed = fixed.withFallback(ExperimentContext.at("steps", steps));
    } else if (phase.equals(TrainingJobConfig.UPTRAIN) && merged.hasPath("steps")) {
      merged = merged.withoutPath("steps");
    }
    Config trainBlock = fixed.withFallback(merged);
    return trainBlock.atPath("train")
        .withFallback(ExperimentContext.at("tables.root", settings.tables().root()));
  }

  /** Returns empty when {@code dir} is a checkpoint whose completion marker is valid. */
  static Optional<String> checkCheckpoint(ExperimentContext context, String dir)
      throws Exception {
    if (dir == null) {
      return Optional.of("the run recorded no output checkpoint");
    }
    Path path = new Path(dir);
    var fs = path.getFileSystem(context.hadoop());
    Optional<CheckpointMarker> marker;
    try {
      marker = CheckpointMarker.read(fs, path);
    } catch (InvalidCheckpointException e) {
      return Optional.of(e.getMessage());
    }
    if (marker.isEmpty()) {
      return Optional.of(path + " has no " + CheckpointMarker.FILE_NAME + " marker");
    }
    return marker.get().verify(fs, path, false).map(problem -> path + ": " + problem);
  }
}
