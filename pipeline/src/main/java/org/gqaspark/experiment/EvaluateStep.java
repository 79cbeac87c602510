package org.gqaspark.experiment;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gqaspark.evaluation.EvaluateConfig;
import org.gqaspark.evaluation.EvaluateJob;
import org.gqaspark.evaluation.EvaluateSettings;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.RunRecord;
import org.gqaspark.tables.TableSchema;

/**
 * The evaluate phase for one variant and task: decodes the task's test split with the
 * fine-tuned checkpoint and scores it, through the same {@link EvaluateConfig} and {@link
 * EvaluateJob} as {@code gqa evaluate}.
 *
 * @param evaluate the task's evaluate block over the experiment's: dataset, split,
 *     max-examples, decoding and scoring
 * @param kind summarization or translation
 * @param tokenizeRunId the tokenize run whose examples to decode
 * @param vocabulary the SentencePiece model that turns ids back into text
 */
record EvaluateStep(Config evaluate, String kind, RunId tokenizeRunId, String vocabulary)
    implements StepAction {

  private static final TableSchema METRICS = TableSchema.load("metrics");

  @Override
  public String run(ExperimentContext context, PlannedStep step) throws Exception {
    Config root = jobConfig(context.settings(), context.outputOf(step, step.parent()),
        step.parent());
    EvaluateSettings settings = EvaluateConfig.read(root, step.runId().value());
    EvaluateJob.run(context.spark(), settings, ExperimentContext.render(root));
    return context.settings().tables().path(METRICS);
  }

  @Override
  public Optional<String> checkOutput(ExperimentContext context, RunRecord row) {
    return ExperimentContext.checkRows(context, METRICS, row.runId());
  }

  /**
   * Returns the job file that {@code gqa evaluate} would read for this step.
   *
   * @param checkpoint the fine-tuned checkpoint
   * @param parent the fine-tune run that wrote it
   */
  Config jobConfig(ExperimentSettings settings, String checkpoint, RunId parent) {
    Map<String, Object> set = new java.util.LinkedHashMap<>();
    set.put("dataset", evaluate.getString("dataset"));
    set.put("split", evaluate.getString("split"));
    set.put("task", kind);
    if (evaluate.hasPath("max-examples")) {
      set.put("max-examples", evaluate.getInt("max-examples"));
    }
    Config block = ConfigFactory.empty()
        .withValue("checkpoint", ConfigValueFactory.fromAnyRef(checkpoint))
        .withValue("parent-run-id", ConfigValueFactory.fromAnyRef(parent.value()))
        .withValue("examples-run-id", ConfigValueFactory.fromAnyRef(tokenizeRunId.value()))
        .withValue("tokenizer", ConfigValueFactory.fromAnyRef(vocabulary))
        .withValue("eval-sets", ConfigValueFactory.fromIterable(List.of(set)))
        .withFallback(evaluate.withoutPath("dataset").withoutPath("split")
            .withoutPath("max-examples"));
    return block.atPath("evaluate")
        .withFallback(ExperimentContext.at("tables.root", settings.tables().root()));
  }
}
