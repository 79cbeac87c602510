package org.gqaspark.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.spark.SparkSessions;
import org.gqaspark.spark.SparkSettings;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.tables.export.ExportManifest;
import org.gqaspark.tables.export.ExportedTable;
import org.gqaspark.tables.export.TableExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gqa export}: writes Delta tables as CSV files plus {@code manifest.json}, for the
 * notebooks and other readers without Spark ({@link TableExport}).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Exports Delta tables (local or s3a) to one CSV file per table (RFC 4180,"
        + " UTF-8, header row, ISO timestamps, arrays and maps as JSON) and manifest.json with"
        + " the Delta version, rows and columns of each.")
public final class ExportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--tables", paramLabel = "ROOT",
      description = "Folder or URI of the Delta tables; overrides tables.root of --conf.")
  String tablesRoot;

  @Option(names = "--conf", paramLabel = "FILE",
      description = "Optional HOCON job file: its spark block (master, s3a connections) and"
          + " its tables.root when --tables is absent.")
  Path conf;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Output folder (local or a Hadoop URI); files of an earlier export there"
          + " are replaced.")
  String out;

  @Option(names = "--tables-list", split = ",", paramLabel = "NAME",
      description = "Tables to export, comma-separated. Default: runs, training_steps,"
          + " metrics, predictions, decode_timings, rejects, reject_counts (add examples to"
          + " export token ids too).")
  List<String> tableNames;

  @Option(names = "--run-prefix", paramLabel = "P",
      description = "Export only rows whose run_id starts with P. Default: all rows.")
  String runPrefix;

  @Override
  public Integer call() {
    PrintWriter printer = spec.commandLine().getOut();
    TableLocations tables;
    SparkSettings sparkSettings;
    try {
      Config config = conf == null ? ConfigFactory.empty() : JobConfigFiles.load(conf);
      String root = tablesRoot != null ? tablesRoot
          : config.hasPath("tables.root") ? config.getString("tables.root") : null;
      if (root == null) {
        throw new IllegalArgumentException("Missing tables root: give --tables ROOT, or"
            + " --conf FILE with tables.root.");
      }
      tables = new TableLocations(root);
      sparkSettings = SparkSettings.fromConfig(
          config.hasPath("spark") ? config.getConfig("spark") : ConfigFactory.empty(),
          "gqa-export");
    } catch (IllegalArgumentException e) {
      return CheckpointCommand.fail(spec.commandLine(), e);
    }

    // Stop only a session this command started: a caller's session stays up.
    boolean running = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSessions.create(sparkSettings);
    try {
      ExportManifest manifest = TableExport.run(spark, tables, out,
          tableNames == null ? TableExport.DEFAULT_TABLES : tableNames, runPrefix);
      for (ExportedTable table : manifest.tables()) {
        printer.printf("%s: version %d, %d rows -> %s/%s%n", table.table(),
            table.deltaVersion(), table.rows(), out, table.file());
      }
      if (!manifest.missingTables().isEmpty()) {
        printer.printf("Not found under %s (no CSV written): %s%n", tables.root(),
            String.join(", ", manifest.missingTables()));
      }
      printer.printf("Wrote %s/%s%n", out, ExportManifest.FILE_NAME);
      printer.flush();
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      printer.flush();
      return CheckpointCommand.fail(spec.commandLine(), e);
    } finally {
      if (!running) {
        spark.stop();
      }
    }
  }
}
