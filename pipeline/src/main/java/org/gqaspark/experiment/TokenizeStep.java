package org.gqaspark.experiment;

import com.typesafe.config.Config;
import java.util.Optional;
import org.gqaspark.data.TokenizeConfig;
import org.gqaspark.data.TokenizeJob;
import org.gqaspark.data.TokenizeSettings;
import org.gqaspark.data.VocabularyFiles;
import org.gqaspark.tables.IngestTables;
import org.gqaspark.tables.RunRecord;
import org.gqaspark.tokenizer.Tokenizer;

/**
 * The tokenize phase: the experiment's tokenize block, with its vocabulary, through the same
 * {@link TokenizeConfig} and {@link TokenizeJob} as {@code gqa tokenize}.
 *
 * @param vocabulary the SentencePiece model path
 */
record TokenizeStep(String vocabulary) implements StepAction {

  @Override
  public String run(ExperimentContext context, PlannedStep step) throws Exception {
    Config job = jobConfig(context.settings(), step);
    TokenizeSettings settings = TokenizeConfig.read(job, step.runId().value());
    String output = settings.tables().path(IngestTables.EXAMPLES);
    return context.track(context.startingRow(step, job), () -> {
      Tokenizer tokenizer = VocabularyFiles.load(TokenizeConfig.vocabulary(job),
          TokenizeConfig.addDummyPrefix(job), context.hadoop());
      TokenizeJob.run(context.spark(), settings, tokenizer);
      return output;
    });
  }

  @Override
  public Optional<String> checkOutput(ExperimentContext context, RunRecord row) {
    return ExperimentContext.checkRows(context, IngestTables.EXAMPLES, row.runId());
  }

  /** Returns the job file that {@code gqa tokenize} would read for this step. */
  private Config jobConfig(ExperimentSettings settings, PlannedStep step) {
    return ExperimentContext.at("tokenize.vocabulary", vocabulary)
        .withFallback(ExperimentContext.at("tables.root", settings.tables().root()))
        .withFallback(settings.tokenize().atPath("tokenize"));
  }
}
