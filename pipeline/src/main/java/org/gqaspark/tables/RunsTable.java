package org.gqaspark.tables;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaConcurrentModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code runs} table: one row per run of a phase, marked running when the run starts and
 * succeeded or failed when it ends, so that a failed run never looks complete. Every phase
 * writes it the same way:
 *
 * <pre>
 * RunsTable runs = new RunsTable(spark, tables);
 * RunRecord row = runs.start(RunRecord.running(runId, "convert", version, Instant.now()));
 * String output = runs.track(row, () -> ...the phase's work, returning its output path...);
 * </pre>
 *
 * Writes MERGE on the run id. Jobs that start or end at the same moment may touch the
 * unpartitioned table together; a write that loses Delta's optimistic-concurrency check is
 * retried.
 */
public final class RunsTable {

  /** The declared schema of the table. */
  public static final TableSchema SCHEMA = TableSchema.load("runs");

  private static final Logger LOG = LoggerFactory.getLogger(RunsTable.class);
  private static final int MAX_ATTEMPTS = 5;
  private static final long RETRY_MILLIS = 200;

  private final SparkSession spark;
  private final String path;

  public RunsTable(SparkSession spark, TableLocations tables) {
    this.spark = spark;
    this.path = tables.path(SCHEMA);
  }

  public String path() {
    return path;
  }

  /**
   * Writes the row of a starting run. When the run id already has a row (a resumed or
   * repeated run), the row keeps its first start time.
   *
   * @return the row as written
   */
  public RunRecord start(RunRecord running) {
    RunRecord row = read(running.runId()).map(old -> running.withStartTime(old.startTime()))
        .orElse(running);
    write(row);
    LOG.info("Run {} ({}) marked running in {}.", row.runId(), row.phase(), path);
    return row;
  }

  /**
   * Runs a phase's work between {@link #start} and the final status: succeeded with the
   * returned output path, or failed with the error, which is then rethrown. When writing
   * the failure fails too, that error is added to the original as suppressed.
   */
  public <T> T track(RunRecord started, Callable<T> work) throws Exception {
    return track(started, work, result -> result == null ? null : result.toString());
  }

  /**
   * The same, with the output path taken from the result by {@code outputPath}, for phases
   * whose work returns a report rather than a path.
   */
  public <T> T track(RunRecord started, Callable<T> work, Function<T, String> outputPath)
      throws Exception {
    T result;
    try {
      result = work.call();
    } catch (Exception | Error e) {
      fail(started, e);
      throw e;
    }
    succeed(started, outputPath.apply(result));
    return result;
  }

  /** Marks a run succeeded now. */
  public RunRecord succeed(RunRecord row, String outputPath) {
    RunRecord done = row.succeeded(Instant.now(), outputPath);
    write(done);
    LOG.info("Run {} ({}) marked succeeded in {}.", row.runId(), row.phase(), path);
    return done;
  }

  /**
   * Marks a run failed now. A failure to write is logged and added to {@code error} as
   * suppressed, so the original error stays the one reported.
   */
  public void fail(RunRecord row, Throwable error) {
    try {
      write(row.failed(Instant.now(), error));
      LOG.info("Run {} ({}) marked failed in {}.", row.runId(), row.phase(), path);
    } catch (RuntimeException writeError) {
      LOG.error("Could not mark run {} failed in {}.", row.runId(), path, writeError);
      error.addSuppressed(writeError);
    }
  }

  /** Returns the row of a run, if the table has one. */
  public Optional<RunRecord> read(RunId runId) {
    if (!io.delta.tables.DeltaTable.isDeltaTable(spark, path)) {
      return Optional.empty();
    }
    List<Row> rows = spark.read().format("delta").load(path)
        .filter(RowSlice.where(Map.of("run_id", runId)).sql()).collectAsList();
    return rows.isEmpty() ? Optional.empty() : Optional.of(fromRow(rows.get(0)));
  }

  /** Writes one row, replacing the run's row, retrying when a concurrent writer won. */
  public void write(RunRecord row) {
    for (int attempt = 1; ; attempt++) {
      try {
        DeltaTableWriter.upsert(spark, SCHEMA, path,
            spark.createDataFrame(List.of(toRow(row)), SCHEMA.structType()), null);
        return;
      } catch (DeltaConcurrentModificationException e) {
        if (attempt == MAX_ATTEMPTS) {
          throw e;
        }
        LOG.warn("Concurrent write to {} while writing run {} (attempt {} of {}); retrying.",
            path, row.runId(), attempt, MAX_ATTEMPTS, e);
        sleep(RETRY_MILLIS * attempt);
      }
    }
  }

  private static Row toRow(RunRecord row) {
    return RowFactory.create(row.runId().value(), row.phase(), row.parentRunId(),
        row.modelShape(), row.numHeads(), row.numKeyValueHeads(), row.conversionMethod(),
        row.uptrainingFraction(), row.steps(), row.config(), row.codeVersion(),
        row.outputPath(), Timestamp.from(row.startTime()),
        row.endTime() == null ? null : Timestamp.from(row.endTime()),
        row.status().columnValue(), row.errorMessage());
  }

  private static RunRecord fromRow(Row row) {
    Timestamp end = row.getAs("end_time");
    return new RunRecord(new RunId(row.getAs("run_id")), row.getAs("phase"),
        row.getAs("parent_run_id"), row.getAs("model_shape"), row.getAs("num_heads"),
        row.getAs("num_key_value_heads"), row.getAs("conversion_method"),
        row.getAs("uptraining_fraction"), row.getAs("steps"), row.getAs("config"),
        row.getAs("code_version"), row.getAs("output_path"),
        row.<Timestamp>getAs("start_time").toInstant(), end == null ? null : end.toInstant(),
        RunRecord.Status.valueOf(row.<String>getAs("status").toUpperCase(java.util.Locale.ROOT)),
        row.getAs("error_message"));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while retrying a write to the runs table", e);
    }
  }
}
