package org.gqaspark.evaluation;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.checkpoint.ModelCheckpoint;
import org.gqaspark.data.VocabularyFiles;
import org.gqaspark.metrics.ProductVersion;
import org.gqaspark.model.T5Config;
import org.gqaspark.spark.SerializableHadoopConfiguration;
import org.gqaspark.tables.DeltaTableWriter;
import org.gqaspark.tables.IngestTables;
import org.gqaspark.tables.RowSlice;
import org.gqaspark.tables.RunRecord;
import org.gqaspark.tables.RunsTable;
import org.gqaspark.tables.TableSchema;
import org.gqaspark.tokenizer.Tokenizer;
import org.gqaspark.training.ModelShapes;
import org.gqaspark.training.TrainerState;
import org.gqaspark.training.TrainingCheckpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a checkpoint on evaluation sets of the examples table and writes the predictions,
 * decode timings and metrics tables. Steps:
 *
 * <ol>
 *   <li>mark the run running in {@code runs} and delete the run's metric rows, so rows of an
 *       earlier attempt never pass for this attempt's result;
 *   <li>select each set's examples (the first max-examples by example id) and decode them on
 *       executors ({@link PartitionDecoder}: the checkpoint is loaded once per task);
 *   <li>collect the decoded text to the driver and score each set with the metrics package,
 *       its segments in example id order (which fixes the bootstrap resamples);
 *   <li>replace the run's predictions and decode timings, then its metrics last, and mark the
 *       run succeeded; any failure marks it failed and leaves no metric rows.
 * </ol>
 */
public final class EvaluateJob {

  /** The phase name of evaluate runs in the runs table. */
  public static final String PHASE = "evaluate";

  private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);

  private EvaluateJob() {}

  /**
   * Runs the evaluation.
   *
   * @param configText the job's configuration as text, stored in the runs table
   * @throws Exception whatever failed, after the run was marked failed
   */
  public static EvaluateReport run(SparkSession spark, EvaluateSettings settings,
      String configText) throws Exception {
    long start = System.nanoTime();
    LOG.info("Evaluate run {}: checkpoint {}, examples of run {}, sets {}, {}, {}, tables"
        + " under {}", settings.runId(), settings.checkpoint(), settings.examplesRunId(),
        settings.evalSets(), settings.decoding(), settings.scoring(), settings.tables().root());
    RunsTable runs = new RunsTable(spark, settings.tables());
    RunRecord row = runs.start(RunRecord.running(settings.runId(), PHASE,
        ProductVersion.signatureValue(), Instant.now()).withParent(settings.parentRunId())
        .withConfig(configText));
    String metricsPath = settings.tables().path(EvaluationTables.METRICS);
    RowSlice thisRun = RowSlice.where(Map.of("run_id", settings.runId()));
    try {
      DeltaTableWriter.delete(spark, EvaluationTables.METRICS, metricsPath, thisRun);

      Configuration hadoop = spark.sparkContext().hadoopConfiguration();
      Path checkpoint = new Path(settings.checkpoint());
      FileSystem fs = checkpoint.getFileSystem(hadoop);
      T5Config config = ModelCheckpoint.readConfig(fs, checkpoint);
      row = row.withParent(parentRunId(settings, fs, checkpoint))
          .withModel(ModelShapes.describe(config), config.numHeads(),
              ModelShapes.keyValueHeads(config));
      runs.write(row);

      Tokenizer tokenizer = VocabularyFiles.load(settings.tokenizer(), null, hadoop);
      List<Row> decoded = decode(spark, settings, selectExamples(spark, settings), hadoop,
          tokenizer);
      EvaluateReport report = scoreAndWrite(spark, settings, config, decoded, start);
      runs.succeed(row, metricsPath);
      return report;
    } catch (Exception | Error e) {
      LOG.error("Evaluate run {} failed.", settings.runId(), e);
      try {
        DeltaTableWriter.delete(spark, EvaluationTables.METRICS, metricsPath, thisRun);
      } catch (RuntimeException deleteError) {
        LOG.error("Could not delete the metric rows of failed run {} from {}.",
            settings.runId(), metricsPath, deleteError);
        e.addSuppressed(deleteError);
      }
      runs.fail(row, e);
      throw e;
    }
  }

  /** The configured parent, else the run in the checkpoint's trainer_state.json, else null. */
  private static String parentRunId(EvaluateSettings settings, FileSystem fs, Path checkpoint)
      throws IOException {
    if (settings.parentRunId() != null) {
      return settings.parentRunId();
    }
    Optional<TrainerState> state = TrainingCheckpoints.readTrainerState(fs, checkpoint);
    return state.map(TrainerState::runId).orElse(null);
  }

  /** Returns the examples of every set, checked to exist and to carry their reference text. */
  static Dataset<Row> selectExamples(SparkSession spark, EvaluateSettings settings) {
    String path = settings.tables().path(IngestTables.EXAMPLES);
    Dataset<Row> examples = spark.read().format("delta").load(path);
    Dataset<Row> selected = null;
    for (EvalSet set : settings.evalSets()) {
      Dataset<Row> rows = examples
          .filter(RowSlice.where(Map.of("run_id", settings.examplesRunId(), "dataset",
              set.dataset(), "split", set.split())).sql())
          .select(col("dataset"), col("split"), col("example_id"), col("input_ids"),
              col("target_text"))
          .orderBy(col("example_id"));
      if (set.maxExamples() > 0) {
        rows = rows.limit(set.maxExamples());
      }
      Row counts = rows.selectExpr("count(*)", "count_if(target_text IS NULL)").first();
      if (counts.getLong(0) == 0) {
        throw EvaluationErrors.noExamples(settings.examplesRunId().value(), set.dataset(),
            set.split(), path);
      }
      if (counts.getLong(1) > 0) {
        throw EvaluationErrors.noReferenceText(settings.examplesRunId().value(),
            set.dataset(), set.split(), counts.getLong(1));
      }
      LOG.info("Evaluate run {}: {} examples of {}", settings.runId(), counts.getLong(0),
          set.label());
      selected = selected == null ? rows : selected.unionAll(rows);
    }
    return selected;
  }

  /** Decodes the examples on executors and returns {@link DecodedRows#OUTPUT} rows. */
  private static List<Row> decode(SparkSession spark, EvaluateSettings settings,
      Dataset<Row> examples, Configuration hadoop, Tokenizer tokenizer) {
    int partitions = settings.decoding().partitions() > 0 ? settings.decoding().partitions()
        : spark.sparkContext().defaultParallelism();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableHadoopConfiguration> conf =
        jsc.broadcast(new SerializableHadoopConfiguration(hadoop));
    Broadcast<Tokenizer> sharedTokenizer = jsc.broadcast(tokenizer);
    try {
      long start = System.nanoTime();
      List<Row> decoded = examples
          .repartition(partitions, col("dataset"), col("split"), col("example_id"))
          .mapPartitions(new PartitionDecoder(conf, sharedTokenizer, settings.checkpoint(),
              settings.decoding()), Encoders.row(DecodedRows.OUTPUT))
          .collectAsList();
      double seconds = (System.nanoTime() - start) / 1e9;
      LOG.info("Evaluate run {}: decoded {} examples in {} tasks in {} s ({} examples/s).",
          settings.runId(), decoded.size(), partitions, String.format("%.1f", seconds),
          String.format("%.2f", decoded.size() / seconds));
      return decoded;
    } finally {
      sharedTokenizer.destroy();
      conf.destroy();
    }
  }

  private static EvaluateReport scoreAndWrite(SparkSession spark, EvaluateSettings settings,
      T5Config config, List<Row> decoded, long start) {
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> predictions = new ArrayList<>();
    List<Row> timings = new ArrayList<>();
    List<Row> metrics = new ArrayList<>();
    List<EvaluateReport.SetResult> results = new ArrayList<>();
    for (EvalSet set : settings.evalSets()) {
      List<Row> rows = decoded.stream()
          .filter(r -> r.getString(0).equals(set.dataset()) && r.getString(1).equals(set.split()))
          .sorted(Comparator.comparing(r -> r.getString(2)))
          .toList();
      SetScores scores = SetScores.compute(set, settings.scoring(), rows);
      predictions.addAll(scores.predictionRows(settings.runId()));
      Row timing = TimingRows.evaluation(settings, config, set, rows, now);
      timings.add(timing);
      List<Row> setMetrics = MetricRows.corpusRows(settings.runId(), set, scores.corpus(),
          settings.scoring().bootstrap(), now);
      metrics.addAll(setMetrics);
      Map<String, Double> values = new LinkedHashMap<>();
      for (Row metric : setMetrics) {
        values.put(metric.getString(3), metric.getDouble(4));
      }
      results.add(new EvaluateReport.SetResult(set, rows.size(), values,
          TimingRows.secondsPerSample(timing)));
    }

    RowSlice thisRun = RowSlice.where(Map.of("run_id", settings.runId()));
    write(spark, settings, EvaluationTables.PREDICTIONS, predictions, thisRun);
    write(spark, settings, EvaluationTables.DECODE_TIMINGS, timings, thisRun);
    write(spark, settings, EvaluationTables.METRICS, metrics, thisRun);
    EvaluateReport report = new EvaluateReport(settings.runId().value(), settings.checkpoint(),
        ModelShapes.keyValueHeads(config), results, (System.nanoTime() - start) / 1e9);
    for (EvaluateReport.SetResult result : report.sets()) {
      LOG.info("Evaluate run {}: {}: {} examples, {}, {} s per sample", report.runId(),
          result.set().label(), result.examples(), result.metrics(),
          String.format("%.4f", result.secondsPerSample()));
    }
    return report;
  }

  private static void write(SparkSession spark, EvaluateSettings settings,
      TableSchema table, List<Row> rows, RowSlice slice) {
    DeltaTableWriter.replace(spark, table, settings.tables().path(table),
        spark.createDataFrame(rows, table.structType()), slice);
  }
}
