package org.gqaspark.experiment;

import com.typesafe.config.Config;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.gqaspark.checkpoint.ExistingDirectory;
import org.gqaspark.checkpoint.ModelCheckpoint;
import org.gqaspark.checkpoint.WriteOptions;
import org.gqaspark.conversion.CheckpointConversion;
import org.gqaspark.conversion.ConversionOptions;
import org.gqaspark.conversion.GqaConversion;
import org.gqaspark.conversion.KeyValueInit;
import org.gqaspark.model.AttentionKind;
import org.gqaspark.model.T5Config;
import org.gqaspark.tables.RunRecord;
import org.gqaspark.training.ModelShapes;

/**
 * The convert phase for one number of key/value heads and method: {@link
 * CheckpointConversion}, as {@code gqa convert} runs it, from the multi-head checkpoint to
 * {@code <workDir>/runs/<run id>}.
 *
 * @param initCheckpoint the multi-head checkpoint when it is external, or null for the
 *     pretrain run's output
 */
record ConvertStep(String initCheckpoint) implements StepAction {

  @Override
  public String run(ExperimentContext context, PlannedStep step) throws Exception {
    ExperimentSettings settings = context.settings();
    Variant variant = step.variant();
    String source = initCheckpoint != null ? initCheckpoint
        : context.outputOf(step, step.parent());
    String target = settings.runFolder(step.runId().value());
    ConversionOptions options = new ConversionOptions(variant.keyValueHeads(),
        KeyValueInit.fromOptionName(variant.method()), settings.attentionKinds(),
        settings.conversionSeed());

    Path from = new Path(source);
    T5Config converted = GqaConversion.targetConfig(
        ModelCheckpoint.readConfig(from.getFileSystem(context.hadoop()), from), options);
    Config described = ExperimentContext.at("from", source)
        .withFallback(ExperimentContext.at("to", target))
        .withFallback(ExperimentContext.at("key-value-heads", variant.keyValueHeads()))
        .withFallback(ExperimentContext.at("method", variant.method()))
        .withFallback(ExperimentContext.at("attention-kinds",
            settings.attentionKinds().stream().map(AttentionKind::jsonName).sorted().toList()))
        .withFallback(ExperimentContext.at("seed", settings.conversionSeed()));
    RunRecord row = context.startingRow(step, described)
        .withModel(ModelShapes.describe(converted), converted.numHeads(),
            variant.keyValueHeads())
        .withConversion(variant.method(), null);
    return context.track(row, () -> {
      CheckpointConversion.run(context.hadoop(), from, new Path(target), options,
          WriteOptions.defaults(), ExistingDirectory.REPLACE);
      return target;
    });
  }

  @Override
  public Optional<String> checkOutput(ExperimentContext context, RunRecord row)
      throws Exception {
    return TrainingStep.checkCheckpoint(context, row.outputPath());
  }
}
