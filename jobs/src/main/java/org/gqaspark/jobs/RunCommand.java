package org.gqaspark.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.experiment.EvaluationSteps;
import org.gqaspark.experiment.ExperimentConfig;
import org.gqaspark.experiment.ExperimentPhase;
import org.gqaspark.experiment.ExperimentRunner;
import org.gqaspark.experiment.ExperimentSettings;
import org.gqaspark.experiment.ExperimentSummary;
import org.gqaspark.spark.SparkSessions;
import org.gqaspark.spark.SparkSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gqa run}: runs a whole experiment described in a HOCON file ({@link
 * ExperimentRunner}), or only some of its phases, and prints the summary table.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Runs an experiment: vocab -> tokenize -> pretrain -> for each number of key/value"
            + " heads and conversion method: convert -> uptrain for each alpha -> fine-tune"
            + " per task -> evaluate, plus the decode benchmark. Prints a summary table.",
        "Runs that already succeeded are skipped, so running the same command again"
            + " resumes a failed or killed experiment where it stopped."})
public final class RunCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--conf", defaultValue = "conf/local.conf", paramLabel = "FILE",
      description = "HOCON experiment file with the tables, spark and experiment blocks; see"
          + " conf/local.conf. -Dkey=value options override its keys."
          + " Default: ${DEFAULT-VALUE}.")
  Path conf;

  @Mixin
  ConfigOverrideOptions overrides;

  @Option(names = "--run-id", paramLabel = "ID",
      description = "Experiment id, the prefix of every run id (letters, digits, . _ : -);"
          + " overrides experiment.id.")
  String runId;

  @Option(names = "--phase", split = ",", paramLabel = "NAME",
      description = "Run only this phase, for all variants; repeat or separate with commas."
          + " Phases: vocab, tokenize, pretrain, convert, uptrain, finetune, evaluate,"
          + " decode-benchmark. Fails when a phase it needs has not succeeded."
          + " Default: all phases.")
  List<String> phases;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ExperimentSettings settings;
    SparkSettings sparkSettings;
    Set<ExperimentPhase> selected = EnumSet.noneOf(ExperimentPhase.class);
    try {
      Config config = JobConfigFiles.load(conf, overrides.values);
      settings = ExperimentConfig.read(config, runId);
      sparkSettings = SparkSettings.fromConfig(
          config.hasPath("spark") ? config.getConfig("spark") : ConfigFactory.empty(),
          "gqa-run");
      if (phases != null) {
        for (String phase : phases) {
          selected.add(ExperimentPhase.fromOptionName(phase));
        }
      }
    } catch (IllegalArgumentException e) {
      return CheckpointCommand.fail(spec.commandLine(), e);
    }

    // Stop only a session this command started: a caller's session stays up.
    boolean running = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSessions.create(sparkSettings);
    try {
      ExperimentRunner.Result result = ExperimentRunner.run(spark, settings, selected,
          conf.toString(), new EvaluationSteps());
      out.printf("Experiment %s: %d runs ran, %d skipped (already succeeded), in %.1f s.%n",
          settings.id(), result.ranCount(), result.steps().size() - result.ranCount(),
          result.seconds());
      out.print(ExperimentSummary.format(
          ExperimentSummary.read(spark, settings, result.plan()), settings.tables().root()));
      out.flush();
      return 0;
    } catch (Exception e) {
      out.flush();
      return CheckpointCommand.fail(spec.commandLine(), e);
    } finally {
      if (!running) {
        spark.stop();
      }
    }
  }
}
