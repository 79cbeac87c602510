package org.gqaspark.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.checkpoint.CheckpointMarker;
import org.gqaspark.checkpoint.ExistingDirectory;
import org.gqaspark.checkpoint.ModelCheckpoint;
import org.gqaspark.checkpoint.WriteOptions;
import org.gqaspark.conversion.CheckpointConversion;
import org.gqaspark.conversion.ConversionOptions;
import org.gqaspark.conversion.GqaConversion;
import org.gqaspark.metrics.ProductVersion;
import org.gqaspark.model.T5Config;
import org.gqaspark.spark.SparkSessions;
import org.gqaspark.spark.SparkSettings;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.RunRecord;
import org.gqaspark.tables.RunsTable;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.training.ModelShapes;
import org.gqaspark.training.TrainerState;
import org.gqaspark.training.TrainingCheckpoints;

/**
 * Runs a conversion of {@code gqa convert --run-id} between a runs row marked running and one
 * marked succeeded (with the target directory) or failed. Starts Spark only for the table
 * writes, in local mode unless the job file's spark block sets another master.
 */
final class ConvertRuns {

  /** The phase name of convert runs in the runs table. */
  static final String PHASE = "convert";

  /** Everything {@code gqa convert} was given. */
  record Request(String runId, String parentRunId, String tablesRoot, java.nio.file.Path conf,
      String from, String to, ConversionOptions options, WriteOptions writeOptions,
      ExistingDirectory existing) {}

  private ConvertRuns() {}

  /** Converts, writing the runs row around the work. */
  static CheckpointMarker recorded(Request request) throws Exception {
    RunId id = new RunId(request.runId());
    Config config = request.conf() == null ? ConfigFactory.empty()
        : JobConfigFiles.load(request.conf());
    String root = request.tablesRoot() != null ? request.tablesRoot()
        : config.hasPath("tables.root") ? config.getString("tables.root") : "delta";
    SparkSettings sparkSettings = SparkSettings.fromConfig(
        config.hasPath("spark") ? config.getConfig("spark") : ConfigFactory.empty(),
        "gqa-convert");

    // Stop only a session this command started: a caller's session stays up.
    boolean running = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSessions.create(sparkSettings);
    try {
      Configuration hadoop = spark.sparkContext().hadoopConfiguration();
      RunsTable runs = new RunsTable(spark, new TableLocations(root));
      RunRecord row = runs.start(RunRecord.running(id, PHASE, ProductVersion.signatureValue(),
          Instant.now()).withConfig(configText(request)));
      RunRecord described;
      try {
        Path from = new Path(request.from());
        FileSystem fs = from.getFileSystem(hadoop);
        T5Config source = ModelCheckpoint.readConfig(fs, from);
        T5Config target = GqaConversion.targetConfig(source, request.options());
        described = row.withParent(parent(request, fs, from))
            .withModel(ModelShapes.describe(target), target.numHeads(),
                ModelShapes.keyValueHeads(target))
            .withConversion(request.options().method().optionName(), null);
        runs.write(described);
      } catch (Exception | Error e) {
        runs.fail(row, e);
        throw e;
      }
      return runs.track(described, () -> CheckpointConversion.run(hadoop,
          new Path(request.from()), new Path(request.to()), request.options(),
          request.writeOptions(), request.existing()), marker -> request.to());
    } finally {
      if (!running) {
        spark.stop();
      }
    }
  }

  private static String parent(Request request, FileSystem fs, Path from) throws Exception {
    if (request.parentRunId() != null) {
      return request.parentRunId();
    }
    return TrainingCheckpoints.readTrainerState(fs, from).map(TrainerState::runId).orElse(null);
  }

  private static String configText(Request request) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("from", request.from());
    options.put("to", request.to());
    options.put("kv-heads", request.options().keyValueHeads());
    options.put("method", request.options().method().optionName());
    options.put("attention-kinds", request.options().attentionKinds().stream()
        .map(kind -> kind.jsonName()).toList());
    options.put("seed", request.options().seed());
    options.put("dtype", request.writeOptions().dtype().toString());
    return ConfigValueFactory.fromMap(Map.of("convert", options)).render(
        ConfigRenderOptions.concise());
  }
}
