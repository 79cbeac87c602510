package org.gqaspark.jobs;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.evaluation.DecodeBenchmarkConfig;
import org.gqaspark.evaluation.DecodeBenchmarkJob;
import org.gqaspark.evaluation.DecodeBenchmarkSettings;
import org.gqaspark.evaluation.DecodeBenchmarkTable;
import picocli.CommandLine.Command;

/**
 * {@code gqa decode-benchmark}: decoding time per sample for several numbers of key/value
 * heads, written to the decode_timings table ({@link DecodeBenchmarkJob}) and printed as a
 * table.
 */
@Command(
    name = "decode-benchmark",
    mixinStandardHelpOptions = true,
    description = "Measures decoding time per sample (encoder pass and decoder steps) for"
        + " several key/value head counts, from checkpoints or from a model shape with random"
        + " weights, writes the decode_timings Delta table and a runs row, and prints a table."
        + " See conf/decode-benchmark.conf.")
public final class DecodeBenchmarkCommand extends SparkJobCommand {

  private DecodeBenchmarkSettings settings;

  @Override
  void readSettings(Config config) {
    settings = DecodeBenchmarkConfig.read(config, runId);
  }

  @Override
  String appName() {
    return "gqa-decode-benchmark";
  }

  @Override
  void run(SparkSession spark, Config config, PrintWriter out) throws Exception {
    DecodeBenchmarkJob.Report report = DecodeBenchmarkJob.run(spark, settings,
        JobConfigFiles.runsText(config, "tables", "spark", "decode-benchmark"));
    out.print(DecodeBenchmarkTable.format(report.cells(), report.host(), report.backend(),
        settings.grid().steps(), settings.grid().repetitions()));
    out.printf("Decode benchmark run %s: %d rows in %s%n", settings.runId(),
        report.cells().size(), settings.tables().root());
  }
}
