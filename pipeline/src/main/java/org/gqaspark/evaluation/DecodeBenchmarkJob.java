package org.gqaspark.evaluation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.evaluation.DecodeBenchmark.Cell;
import org.gqaspark.evaluation.DecodeBenchmark.Model;
import org.gqaspark.metrics.ProductVersion;
import org.gqaspark.model.T5Config;
import org.gqaspark.model.compute.FloatCompute;
import org.gqaspark.tables.DeltaTableWriter;
import org.gqaspark.tables.RowSlice;
import org.gqaspark.tables.RunRecord;
import org.gqaspark.tables.RunsTable;
import org.gqaspark.training.ModelShapes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures decoding time per sample for several numbers of key/value heads ({@link
 * DecodeBenchmark}) and writes one decode_timings row per (model, source length, batch size)
 * cell, with a runs row of phase {@value #PHASE}.
 *
 * <p>The models run one after another on the driver, on {@code threads} compute threads, so
 * that no other task shares the cores while a cell is timed.
 */
public final class DecodeBenchmarkJob {

  /** The phase name of decode-benchmark runs in the runs table. */
  public static final String PHASE = "decode-benchmark";

  private static final Logger LOG = LoggerFactory.getLogger(DecodeBenchmarkJob.class);

  /**
   * The outcome of a run.
   *
   * @param cells every cell, multi-head models first
   * @param backend the compute backend's description
   * @param host the machine description stored in the rows
   */
  public record Report(List<Cell> cells, String backend, String host) {}

  private DecodeBenchmarkJob() {}

  /**
   * Runs the benchmark and writes its rows, replacing the rows of an earlier attempt of the
   * run id.
   *
   * @param configText the job's configuration as text, stored in the runs table
   * @throws Exception whatever failed, after the run was marked failed
   */
  public static Report run(SparkSession spark, DecodeBenchmarkSettings settings,
      String configText) throws Exception {
    LOG.info("Decode benchmark run {}: {}", settings.runId(), settings);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    RunsTable runs = new RunsTable(spark, settings.tables());
    RunRecord row = runs.start(RunRecord.running(settings.runId(), PHASE,
        ProductVersion.signatureValue(), Instant.now()).withParent(settings.parentRunId())
        .withConfig(configText));
    try {
      List<Model> models = DecodeBenchmark.models(settings.checkpoints(), settings.shape(),
          settings.keyValueHeads(), hadoop);
      row = withModels(row, models);
      runs.write(row);

      Report report = measure(settings, models, hadoop);
      String path = settings.tables().path(EvaluationTables.DECODE_TIMINGS);
      DeltaTableWriter.replace(spark, EvaluationTables.DECODE_TIMINGS, path,
          spark.createDataFrame(rows(settings, report), EvaluationTables.DECODE_TIMINGS
              .structType()), RowSlice.where(Map.of("run_id", settings.runId())));
      runs.succeed(row, path);
      return report;
    } catch (Exception | Error e) {
      LOG.error("Decode benchmark run {} failed.", settings.runId(), e);
      runs.fail(row, e);
      throw e;
    }
  }

  /**
   * Returns the runs row with the shape and heads of the first (multi-head) model, and with
   * key/value heads only when every model has the same count.
   */
  private static RunRecord withModels(RunRecord row, List<Model> models) {
    T5Config first = models.get(0).config();
    boolean oneCount = models.stream()
        .allMatch(m -> ModelShapes.keyValueHeads(m.config()) == ModelShapes.keyValueHeads(first));
    return row.withModel(ModelShapes.describe(first), first.numHeads(),
        oneCount ? ModelShapes.keyValueHeads(first) : null);
  }

  private static Report measure(DecodeBenchmarkSettings settings, List<Model> models,
      Configuration hadoop) throws java.io.IOException {
    List<Cell> cells = new ArrayList<>();
    String host = HostDescription.describe();
    try (FloatCompute compute = FloatCompute.withThreads(settings.threads())) {
      LOG.info("Decode benchmark run {}: {} models on {}, host {}", settings.runId(),
          models.size(), compute.description(), host);
      long start = System.nanoTime();
      for (int i = 0; i < models.size(); i++) {
        Model model = models.get(i);
        LOG.info("Measuring {} ({} key/value heads{}), model {} of {}", model.label(),
            model.keyValueHeads(), model.checkpoint() == null ? ", random weights"
                : ", " + model.checkpoint(), i + 1, models.size());
        DecodeBenchmark.measure(model, settings.grid(), compute, hadoop, cells::add);
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("Measured {} of {} models in {} s (ETA {} s).", i + 1, models.size(),
            String.format("%.1f", seconds),
            String.format("%.0f", seconds / (i + 1) * (models.size() - i - 1)));
      }
      return new Report(List.copyOf(cells), compute.description(), host);
    }
  }

  private static List<Row> rows(DecodeBenchmarkSettings settings, Report report) {
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows = new ArrayList<>();
    for (Cell cell : report.cells()) {
      long samples = (long) cell.batch() * cell.runs().size();
      rows.add(TimingRows.row(settings.runId(), cell.model().config(),
          new TimingRows.Measurement(null, null, cell.model().checkpoint(), cell.batch(),
              cell.sourceLength(), cell.steps(), samples,
              cell.encoderSecondsPerSample() * samples, cell.decoderSecondsPerSample() * samples,
              (long) cell.steps() * samples, settings.threads(), report.backend(),
              report.host()), now));
    }
    return rows;
  }
}
