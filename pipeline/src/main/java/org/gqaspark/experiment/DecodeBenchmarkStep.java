package org.gqaspark.experiment;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Optional;
import org.gqaspark.evaluation.DecodeBenchmarkConfig;
import org.gqaspark.evaluation.DecodeBenchmarkJob;
import org.gqaspark.evaluation.DecodeBenchmarkSettings;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.RunRecord;
import org.gqaspark.tables.TableSchema;

/**
 * The decode-benchmark phase for one variant: times decoding of the uptrained checkpoint
 * through the same {@link DecodeBenchmarkConfig} and {@link DecodeBenchmarkJob} as {@code gqa
 * decode-benchmark}.
 *
 * @param benchmark the experiment's decode-benchmark block: batch-sizes, source-lengths,
 *     steps, repetitions, warmup, threads
 */
record DecodeBenchmarkStep(Config benchmark) implements StepAction {

  private static final TableSchema DECODE_TIMINGS = TableSchema.load("decode_timings");

  @Override
  public String run(ExperimentContext context, PlannedStep step) throws Exception {
    Config root = jobConfig(context.settings(), context.outputOf(step, step.parent()),
        step.parent());
    DecodeBenchmarkSettings settings = DecodeBenchmarkConfig.read(root, step.runId().value());
    DecodeBenchmarkJob.run(context.spark(), settings, ExperimentContext.render(root));
    return context.settings().tables().path(DECODE_TIMINGS);
  }

  @Override
  public Optional<String> checkOutput(ExperimentContext context, RunRecord row) {
    return ExperimentContext.checkRows(context, DECODE_TIMINGS, row.runId());
  }

  /** Returns the job file that {@code gqa decode-benchmark} would read for this step. */
  Config jobConfig(ExperimentSettings settings, String checkpoint, RunId parent) {
    Config block = benchmark
        .withValue("checkpoints", ConfigValueFactory.fromIterable(List.of(checkpoint)))
        .withValue("parent-run-id", ConfigValueFactory.fromAnyRef(parent.value()));
    return block.atPath("decode-benchmark")
        .withFallback(ExperimentContext.at("tables.root", settings.tables().root()));
  }
}
