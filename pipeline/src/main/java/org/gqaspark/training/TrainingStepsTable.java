package org.gqaspark.training;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.tables.DeltaTableWriter;
import org.gqaspark.tables.RowSlice;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.tables.TableSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code training_steps} table of one run. Rows are buffered and written in one Delta
 * MERGE (on run, kind and step) per {@link #flush}, because a commit per step would cost more
 * than a small model's step. The trainer flushes every N steps and before committing each
 * checkpoint, so every step up to a complete checkpoint has its row.
 */
public final class TrainingStepsTable {

  /** The declared schema of the table. */
  public static final TableSchema SCHEMA = TableSchema.load("training_steps");

  private static final Logger LOG = LoggerFactory.getLogger(TrainingStepsTable.class);

  private final SparkSession spark;
  private final String path;
  private final RunId runId;
  private final List<Row> pending = new ArrayList<>();

  public TrainingStepsTable(SparkSession spark, TableLocations tables, RunId runId) {
    this.spark = spark;
    this.path = tables.path(SCHEMA);
    this.runId = runId;
  }

  public String path() {
    return path;
  }

  /** Buffers a row until the next {@link #flush}. */
  public void add(StepRecord record) {
    pending.add(RowFactory.create(runId.value(), record.kind(), record.step(), record.loss(),
        record.learningRate(), record.gradientNorm(), record.tokens(), record.examples(),
        record.computeSeconds(), record.communicationSeconds(), record.workers(),
        record.skipped(), Timestamp.from(record.time())));
  }

  /** Returns the number of buffered rows. */
  public int pending() {
    return pending.size();
  }

  /** Writes the buffered rows in one commit. */
  public void flush() {
    if (pending.isEmpty()) {
      return;
    }
    DeltaTableWriter.upsert(spark, SCHEMA, path,
        spark.createDataFrame(pending, SCHEMA.structType()), null);
    LOG.info("Wrote {} rows of run {} to {}.", pending.size(), runId, path);
    pending.clear();
  }

  /**
   * Deletes this run's rows after {@code step}, which an earlier attempt wrote past the
   * checkpoint that a resumed run continues from.
   */
  public void deleteAfter(long step) {
    DeltaTableWriter.ensureTable(spark, SCHEMA, path);
    String condition = RowSlice.where(Map.of("run_id", runId)).sql() + " AND step > " + step;
    io.delta.tables.DeltaTable.forPath(spark, path).delete(condition);
    LOG.info("Deleted rows of run {} after step {} from {}.", runId, step, path);
  }
}
