package org.gqaspark.experiment;

import com.typesafe.config.ConfigFactory;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.gqaspark.data.VocabularyJob;
import org.gqaspark.tables.RunRecord;

/** The vocab phase: trains the SentencePiece vocabulary with {@link VocabularyJob}. */
final class VocabularyStep implements StepAction {

  static final String FILE_NAME = "spiece.model";

  @Override
  public String run(ExperimentContext context, PlannedStep step) throws Exception {
    ExperimentSettings.VocabularyTraining training = context.settings().vocabularyTraining();
    String output = location(context.settings(), step);
    RunRecord row = context.startingRow(step, ConfigFactory.parseMap(java.util.Map.of(
        "sources", training.sources().toString(),
        "normalization-model", String.valueOf(training.normalizationModel()),
        "options", training.options().toString())));
    return context.track(row, () -> {
      VocabularyJob.run(context.spark(), training.sources(), training.normalizationModel(),
          training.options(), output);
      return output;
    });
  }

  @Override
  public Optional<String> checkOutput(ExperimentContext context, RunRecord row)
      throws Exception {
    Path file = new Path(row.outputPath());
    return file.getFileSystem(context.hadoop()).exists(file) ? Optional.empty()
        : Optional.of(file + " does not exist");
  }

  /** Returns where the vocab phase writes the vocabulary. */
  static String location(ExperimentSettings settings, PlannedStep step) {
    return settings.runFolder(step.runId().value()) + "/" + FILE_NAME;
  }
}
