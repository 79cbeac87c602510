package org.gqaspark.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.spark.SparkSessions;
import org.gqaspark.spark.SparkSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The shared part of commands that read a HOCON job file with {@code tables} and {@code spark}
 * blocks and run one job on Spark ({@code gqa evaluate}, {@code gqa decode-benchmark}): reads
 * and validates the file, starts Spark (or reuses a running session, which it leaves
 * running), runs the job and turns errors into exit code 1 with the message on stderr.
 */
abstract class SparkJobCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--conf", required = true, paramLabel = "FILE",
      description = "HOCON job file; -Dkey=value options override its keys.")
  Path conf;

  @Mixin
  ConfigOverrideOptions overrides;

  @Option(names = "--run-id", paramLabel = "ID",
      description = "Run id keying the rows this run writes (letters, digits, . _ : -);"
          + " overrides the run-id key of the job block. Running again with the same id"
          + " replaces the run's rows.")
  String runId;

  /** Reads and validates the job's settings; throws IllegalArgumentException when invalid. */
  abstract void readSettings(Config config);

  /** Runs the job and prints its summary. */
  abstract void run(SparkSession spark, Config config, PrintWriter out) throws Exception;

  /** Returns the application name, such as gqa-evaluate. */
  abstract String appName();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Config config;
    SparkSettings sparkSettings;
    try {
      config = JobConfigFiles.load(conf, overrides.values);
      readSettings(config);
      sparkSettings = SparkSettings.fromConfig(
          config.hasPath("spark") ? config.getConfig("spark") : ConfigFactory.empty(),
          appName());
    } catch (IllegalArgumentException e) {
      return CheckpointCommand.fail(spec.commandLine(), e);
    }

    // Stop only a session this command started: a caller's session stays up.
    boolean running = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSessions.create(sparkSettings);
    try {
      run(spark, config, out);
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
