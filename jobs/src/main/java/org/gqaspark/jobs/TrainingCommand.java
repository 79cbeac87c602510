package org.gqaspark.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.spark.SparkSessions;
import org.gqaspark.spark.SparkSettings;
import org.gqaspark.training.TrainingConfig;
import org.gqaspark.training.TrainingJob;
import org.gqaspark.training.TrainingJobConfig;
import org.gqaspark.training.TrainingOutcome;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The shared part of {@code gqa pretrain}, {@code gqa uptrain} and {@code gqa finetune}:
 * reads the job file (with {@code -Dkey=value} overrides), starts Spark, runs the
 * {@link TrainingJob} and prints its outcome.
 */
abstract class TrainingCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--conf", required = true, paramLabel = "FILE",
      description = "HOCON job file with the tables, spark and train blocks; see"
          + " conf/pretrain.conf. -Dkey=value options override its keys.")
  Path conf;

  @Mixin
  ConfigOverrideOptions overrides;

  @Option(names = "--run-id", paramLabel = "ID",
      description = "Run id keying the checkpoints folder and the table rows (letters,"
          + " digits, . _ : -); overrides train.run-id. Running again with the same id"
          + " resumes from its newest complete checkpoint.")
  String runId;

  /** Returns pretrain, uptrain or finetune. */
  abstract String phase();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Config config;
    TrainingJobConfig job;
    SparkSettings sparkSettings;
    try {
      config = JobConfigFiles.load(conf, overrides.values);
      job = TrainingConfig.read(config, phase(), runId);
      sparkSettings = SparkSettings.fromConfig(
          config.hasPath("spark") ? config.getConfig("spark") : ConfigFactory.empty(),
          "gqa-" + phase());
    } catch (IllegalArgumentException e) {
      return CheckpointCommand.fail(spec.commandLine(), e);
    }

    // Stop only a session this command started: a caller's session stays up.
    boolean running = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSessions.create(sparkSettings);
    try {
      TrainingOutcome outcome = TrainingJob.run(spark, job, configText(config));
      out.printf("Run %s (%s): %d steps (resumed from step %d), last training loss %.4f,"
          + " validation loss %.4f (before training: %.4f), %d skipped steps, %.1f s; final"
          + " checkpoint %s%n", job.runId(), phase(), outcome.steps(), outcome.resumedFrom(),
          outcome.lastLoss(), outcome.validationLoss(), outcome.firstValidationLoss(),
          outcome.skippedSteps(), outcome.seconds(), outcome.finalCheckpoint());
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

  /**
   * Returns the job's settings as JSON for the runs table: the tables, spark and train
   * blocks, without spark.s3, which holds credentials.
   */
  static String configText(Config config) {
    return JobConfigFiles.runsText(config, "tables", "spark", "train");
  }
}
