package org.gqaspark.training;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a checkpoint to resume from was written by this run with the settings that
 * fix the data order and the batches. Resuming with other ones would silently train on
 * another sequence of batches than the interrupted run.
 */
final class ResumeChecks {

  private static final Logger LOG = LoggerFactory.getLogger(ResumeChecks.class);

  private ResumeChecks() {}

  static void requireCompatible(TrainerState saved, TrainingSettings settings,
      List<TrainingSource> sources, String checkpoint) {
    require(saved.runId().equals(settings.runId().value()), checkpoint, "run id",
        saved.runId(), settings.runId().value());
    require(saved.seed() == settings.seed(), checkpoint, "seed", saved.seed(),
        settings.seed());
    require(saved.globalBatchSize() == settings.layout().batchSize(), checkpoint,
        "batch.global-size", saved.globalBatchSize(), settings.layout().batchSize());
    require(saved.microBatchSize() == settings.layout().microBatchSize(), checkpoint,
        "batch.micro-size", saved.microBatchSize(), settings.layout().microBatchSize());
    require(saved.optimizer().equals(settings.optimizer().name()), checkpoint,
        "optimizer.name", saved.optimizer(), settings.optimizer().name());
    require(saved.sources().size() == sources.size(), checkpoint, "number of training sources",
        saved.sources().size(), sources.size());
    for (int i = 0; i < sources.size(); i++) {
      TrainerState.SourcePosition position = saved.sources().get(i);
      TrainingSource source = sources.get(i);
      require(position.label().equals(source.label()), checkpoint, "training source " + (i + 1),
          position.label(), source.label());
      require(position.records() == source.size(), checkpoint,
          "records of source " + source.label(), position.records(), source.size());
    }
    if (saved.totalSteps() != settings.steps()) {
      LOG.warn("Checkpoint {} was written by a run of {} steps; continuing to {} steps. A"
          + " schedule that depends on the total (linear decay) changes from here on.",
          checkpoint, saved.totalSteps(), settings.steps());
    }
  }

  private static void require(boolean same, String checkpoint, String setting, Object saved,
      Object current) {
    if (!same) {
      throw TrainingErrors.resumeMismatch(checkpoint, setting, saved, current);
    }
  }
}
