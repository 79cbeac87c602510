package org.gqaspark.experiment;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.metrics.ProductVersion;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.RunRecord;
import org.gqaspark.tables.RunsTable;
import org.gqaspark.tables.TableSchema;

/**
 * The state that every step of an experiment shares: the Spark session, the settings, the runs table
 * and the lineage lookups.
 *
 * @param confFile the experiment file as the user named it, for messages
 */
public record ExperimentContext(SparkSession spark, ExperimentSettings settings,
    RunsTable runs, String confFile) {

  public Configuration hadoop() {
    return spark.sparkContext().hadoopConfiguration();
  }

  /** Returns the run's row in the runs table, if it has one. */
  public Optional<RunRecord> row(RunId runId) {
    return runs.read(runId);
  }

  /** Returns the output path of a run that the runs table records. */
  public String outputOf(PlannedStep step, RunId needed) {
    RunRecord row = runs.read(needed)
        .orElseThrow(() -> ExperimentErrors.missingOutput(step.runId().value(), needed.value()));
    if (row.outputPath() == null) {
      throw ExperimentErrors.missingOutput(step.runId().value(), needed.value());
    }
    return row.outputPath();
  }

  /**
   * Records a step that does not write its own runs row: marks it running, runs the work,
   * and marks it succeeded with the returned output path or failed with the error.
   */
  public String track(RunRecord started, Callable<String> work) throws Exception {
    return runs.track(runs.start(started), work);
  }

  /** Returns the row of a step that starts now, with its parent and its settings. */
  public RunRecord startingRow(PlannedStep step, Config settingsBlock) {
    RunId parent = step.parent();
    return RunRecord.running(step.runId(), step.phase().optionName(),
            ProductVersion.signatureValue(), Instant.now())
        .withParent(parent == null ? null : parent.value())
        .withConfig(render(settingsBlock));
  }

  /** Renders settings as JSON for the runs table, without spark.s3, which contains credentials. */
  public static String render(Config block) {
    Config kept = block.hasPath("spark.s3") ? block.withoutPath("spark.s3") : block;
    return kept.root().render(ConfigRenderOptions.concise());
  }

  /**
   * Checks that a table has rows of a run.
   *
   * @return empty when it has, else what is missing
   */
  static Optional<String> checkRows(ExperimentContext context, TableSchema table, RunId runId) {
    String path = context.settings().tables().path(table);
    boolean written = io.delta.tables.DeltaTable.isDeltaTable(context.spark(), path)
        && !context.spark().read().format("delta").load(path)
            .filter(org.apache.spark.sql.functions.col("run_id").equalTo(runId.value()))
            .isEmpty();
    return written ? Optional.empty()
        : Optional.of("the table " + path + " has no rows of run " + runId);
  }

  /** Returns {@code value} as a one-key config at {@code path}. */
  static Config at(String path, Object value) {
    return ConfigFactory.empty().withValue(path,
        com.typesafe.config.ConfigValueFactory.fromAnyRef(value));
  }
}
