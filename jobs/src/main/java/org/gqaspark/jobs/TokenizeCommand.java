package org.gqaspark.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.data.DatasetSpec;
import org.gqaspark.data.TokenizeConfig;
import org.gqaspark.data.TokenizeJob;
import org.gqaspark.data.TokenizeReport;
import org.gqaspark.data.TokenizeSettings;
import org.gqaspark.data.VocabularyFiles;
import org.gqaspark.metrics.ProductVersion;
import org.gqaspark.spark.SparkSessions;
import org.gqaspark.spark.SparkSettings;
import org.gqaspark.tables.IngestTables;
import org.gqaspark.tables.RunRecord;
import org.gqaspark.tables.RunsTable;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.tokenizer.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gqa tokenize}: tokenizes the corpora that a HOCON job file names into the Delta
 * tables examples, rejects and reject_counts ({@link TokenizeJob}).
 */
@Command(
    name = "tokenize",
    mixinStandardHelpOptions = true,
    description = "Tokenizes corpora (JSON lines, aligned text pairs, TSV; local or s3a) into"
        + " Delta tables: one example per good record, one reject per bad record with its"
        + " reason, and reject counts. Rerunning a run id replaces its rows.")
public final class TokenizeCommand implements Callable<Integer> {

  /** The phase name of tokenize runs in the runs table. */
  static final String PHASE = "tokenize";

  @Spec
  CommandSpec spec;

  @Option(names = "--conf", required = true, paramLabel = "FILE",
      description = "HOCON job file with the tables, spark and tokenize blocks; see"
          + " conf/tokenize.conf. -Dkey=value options override its keys.")
  Path conf;

  @Mixin
  ConfigOverrideOptions overrides;

  @Option(names = "--run-id", paramLabel = "ID",
      description = "Run id keying the rows this run writes (letters, digits, . _ : -);"
          + " overrides tokenize.run-id.")
  String runId;

  @Option(names = "--dataset", paramLabel = "NAME[/SPLIT]",
      description = "Tokenize only this dataset, or this split of it; repeat for more."
          + " Default: every dataset in the file.")
  List<String> datasets;

  @Option(names = "--tables-root", paramLabel = "DIR",
      description = "Folder or URI of the Delta tables; overrides tables.root.")
  String tablesRoot;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Tokenizing tasks; overrides tokenize.partitions (0: Spark's default"
          + " parallelism).")
  Integer partitions;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TokenizeSettings settings;
    SparkSettings sparkSettings;
    Config config;
    try {
      config = JobConfigFiles.load(conf, overrides.values);
      settings = withOverrides(TokenizeConfig.read(config, runId));
      sparkSettings = SparkSettings.fromConfig(
          config.hasPath("spark") ? config.getConfig("spark") : ConfigFactory.empty(),
          "gqa-tokenize");
    } catch (IllegalArgumentException e) {
      return CheckpointCommand.fail(spec.commandLine(), e);
    }

    // Stop only a session this command started: a caller's session stays up.
    boolean running = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSessions.create(sparkSettings);
    try {
      RunsTable runs = new RunsTable(spark, settings.tables());
      RunRecord row = runs.start(RunRecord.running(settings.runId(), PHASE,
          ProductVersion.signatureValue(), Instant.now())
          .withConfig(JobConfigFiles.runsText(config, "tables", "spark", "tokenize")));
      Config job = config;
      TokenizeSettings tokenize = settings;
      TokenizeReport report = runs.track(row, () -> {
        Tokenizer tokenizer = VocabularyFiles.load(TokenizeConfig.vocabulary(job),
            TokenizeConfig.addDummyPrefix(job), spark.sparkContext().hadoopConfiguration());
        return TokenizeJob.run(spark, tokenize, tokenizer);
      }, done -> tokenize.tables().path(IngestTables.EXAMPLES));
      print(out, report, settings.tables());
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

  private TokenizeSettings withOverrides(TokenizeSettings settings) {
    List<DatasetSpec> selected = settings.datasets();
    if (datasets != null && !datasets.isEmpty()) {
      selected = new ArrayList<>();
      for (DatasetSpec dataset : settings.datasets()) {
        if (datasets.contains(dataset.name()) || datasets.contains(dataset.label())) {
          selected.add(dataset);
        }
      }
      for (String wanted : datasets) {
        boolean known = settings.datasets().stream()
            .anyMatch(d -> d.name().equals(wanted) || d.label().equals(wanted));
        if (!known) {
          throw new IllegalArgumentException("Invalid --dataset " + wanted + ": the job file"
              + " has " + settings.datasets().stream().map(DatasetSpec::label).toList() + ".");
        }
      }
    }
    return new TokenizeSettings(settings.runId(),
        tablesRoot != null ? new TableLocations(tablesRoot) : settings.tables(),
        partitions != null ? partitions : settings.partitions(), settings.limits(), selected);
  }

  private static void print(PrintWriter out, TokenizeReport report, TableLocations tables) {
    out.printf("Tokenize run %s: %d input records, %d examples, %d rejects, %d tokens in %.1f s;"
        + " tables under %s%n", report.runId(), report.inputRecords(), report.examples(),
        report.rejected(), report.tokens(), report.seconds(), tables.root());
    for (TokenizeReport.DatasetCounts dataset : report.datasets()) {
      out.printf("  %s/%s: %d input, %d examples, %d rejects, %d truncated%n", dataset.dataset(),
          dataset.split(), dataset.inputRecords(), dataset.examples(), dataset.rejected(),
          dataset.truncated());
    }
    out.flush();
  }
}
