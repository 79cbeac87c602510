package org.gqaspark.jobs;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.evaluation.EvaluateConfig;
import org.gqaspark.evaluation.EvaluateJob;
import org.gqaspark.evaluation.EvaluateReport;
import org.gqaspark.evaluation.EvaluateSettings;
import picocli.CommandLine.Command;

/**
 * {@code gqa evaluate}: decodes evaluation sets of the examples table with a checkpoint on
 * Spark executors and writes predictions, metrics and decode timings ({@link EvaluateJob}).
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = "Evaluates a checkpoint: decodes the configured evaluation sets on Spark,"
        + " scores them (ROUGE for summarization, BLEU and chrF for translation, with"
        + " bootstrap intervals) and writes the predictions, metrics and decode_timings Delta"
        + " tables and a runs row. See conf/evaluate.conf.")
public final class EvaluateCommand extends SparkJobCommand {

  private EvaluateSettings settings;

  @Override
  void readSettings(Config config) {
    settings = EvaluateConfig.read(config, runId);
  }

  @Override
  String appName() {
    return "gqa-evaluate";
  }

  @Override
  void run(SparkSession spark, Config config, PrintWriter out) throws Exception {
    EvaluateReport report = EvaluateJob.run(spark, settings,
        JobConfigFiles.runsText(config, "tables", "spark", "evaluate"));
    out.printf("Evaluate run %s: %s (%d key/value heads) in %.1f s; tables under %s%n",
        report.runId(), report.checkpoint(), report.keyValueHeads(), report.seconds(),
        settings.tables().root());
    for (EvaluateReport.SetResult set : report.sets()) {
      StringBuilder metrics = new StringBuilder();
      for (Map.Entry<String, Double> metric : set.metrics().entrySet()) {
        metrics.append(String.format(java.util.Locale.ROOT, " %s %.2f", metric.getKey(),
            metric.getValue()));
      }
      out.printf("  %s: %d examples,%s, %.4f s per sample%n", set.set().label(),
          set.examples(), metrics, set.secondsPerSample());
    }
  }
}
