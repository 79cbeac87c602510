package org.gqaspark.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaTableWriterTest {

  /** A small table keyed by run and step, partitioned by run. */
  private static final TableSchema STEPS = new TableSchema("steps", "one row per step",
      List.of(
          new TableSchema.Column("run_id", DataTypes.StringType, false, "run"),
          new TableSchema.Column("step", DataTypes.LongType, false, "step"),
          new TableSchema.Column("loss", DataTypes.DoubleType, true, "loss")),
      List.of("run_id"), List.of("run_id", "step"));

  @TempDir
  Path folder;

  private static Dataset<Row> rows(Object[]... values) {
    List<Row> rows = java.util.Arrays.stream(values).map(RowFactory::create).toList();
    return SparkTestSession.get().createDataFrame(rows, STEPS.structType());
  }

  private static RowSlice run(String runId) {
    return RowSlice.where(Map.of("run_id", runId));
  }

  private static List<String> read(String path) {
    return SparkTestSession.get().read().format("delta").load(path)
        .orderBy("run_id", "step").collectAsList().stream()
        .map(r -> r.getString(0) + ":" + r.getLong(1) + ":" + r.get(2))
        .toList();
  }

  @Test
  void replaceTwiceLeavesOneSet() {
    SparkSession spark = SparkTestSession.get();
    String path = folder.resolve("steps").toString();

    DeltaTableWriter.replace(spark, STEPS, path, rows(new Object[] {"r1", 1L, 2.0},
        new Object[] {"r1", 2L, 1.5}), run("r1"));
    DeltaTableWriter.replace(spark, STEPS, path, rows(new Object[] {"r1", 1L, 2.0},
        new Object[] {"r1", 2L, 1.5}), run("r1"));

    assertEquals(List.of("r1:1:2.0", "r1:2:1.5"), read(path));
  }

  @Test
  void replaceKeepsOtherRuns() {
    SparkSession spark = SparkTestSession.get();
    String path = folder.resolve("steps").toString();
    DeltaTableWriter.replace(spark, STEPS, path, rows(new Object[] {"r1", 1L, 2.0}), run("r1"));
    DeltaTableWriter.replace(spark, STEPS, path, rows(new Object[] {"r2", 1L, 3.0}), run("r2"));

    DeltaTableWriter.replace(spark, STEPS, path, rows(new Object[] {"r1", 5L, 0.5}), run("r1"));

    assertEquals(List.of("r1:5:0.5", "r2:1:3.0"), read(path));
  }

  @Test
  void replaceOutsideSliceFails() {
    SparkSession spark = SparkTestSession.get();
    String path = folder.resolve("steps").toString();

    assertThrows(Exception.class, () -> DeltaTableWriter.replace(spark, STEPS, path,
        rows(new Object[] {"r2", 1L, 1.0}), run("r1")));
  }

  @Test
  void upsertUpdatesInsertsDeletes() {
    SparkSession spark = SparkTestSession.get();
    String path = folder.resolve("steps").toString();
    DeltaTableWriter.replace(spark, STEPS, path, rows(new Object[] {"r1", 1L, 2.0},
        new Object[] {"r1", 2L, 1.5}, new Object[] {"r1", 3L, 1.4}), run("r1"));
    DeltaTableWriter.replace(spark, STEPS, path, rows(new Object[] {"r2", 1L, 9.0}), run("r2"));

    DeltaTableWriter.upsert(spark, STEPS, path, rows(new Object[] {"r1", 2L, 1.25},
        new Object[] {"r1", 4L, 1.0}), run("r1"));

    assertEquals(List.of("r1:2:1.25", "r1:4:1.0", "r2:1:9.0"), read(path));
  }

  @Test
  void upsertWithoutScopeKeepsRows() {
    SparkSession spark = SparkTestSession.get();
    String path = folder.resolve("steps").toString();
    DeltaTableWriter.replace(spark, STEPS, path, rows(new Object[] {"r1", 1L, 2.0}), run("r1"));

    DeltaTableWriter.upsert(spark, STEPS, path, rows(new Object[] {"r1", 2L, 1.0}), null);

    assertEquals(List.of("r1:1:2.0", "r1:2:1.0"), read(path));
  }

  @Test
  void notNullEnforced() {
    SparkSession spark = SparkTestSession.get();
    String path = folder.resolve("steps").toString();
    // Nullable input columns: Spark drops null checks on columns it believes non-nullable.
    StructType nullable = new StructType().add("run_id", DataTypes.StringType)
        .add("step", DataTypes.LongType).add("loss", DataTypes.DoubleType);
    Dataset<Row> withNull = spark.createDataFrame(List.of(RowFactory.create("r1", null, 1.0)),
        nullable);

    assertThrows(Exception.class,
        () -> DeltaTableWriter.replace(spark, STEPS, path, withNull, run("r1")));
  }

  @Test
  void tableWithOtherColumnsRejected() {
    SparkSession spark = SparkTestSession.get();
    String path = folder.resolve("other").toString();
    StructType other = new StructType().add("run_id", DataTypes.StringType)
        .add("value", DataTypes.IntegerType);
    spark.createDataFrame(List.of(RowFactory.create("r1", 1)), other)
        .write().format("delta").save(path);

    var e = assertThrows(TableErrors.SchemaMismatchException.class,
        () -> DeltaTableWriter.ensureTable(spark, STEPS, path));

    assertTrue(e.getMessage().contains("has columns [run_id string, value int]"),
        e.getMessage());
  }

  @Test
  void rowsWithOtherColumnsRejected() {
    SparkSession spark = SparkTestSession.get();
    String path = folder.resolve("steps").toString();
    Dataset<Row> wrong = rows(new Object[] {"r1", 1L, 2.0}).drop("loss");

    var e = assertThrows(TableErrors.SchemaMismatchException.class,
        () -> DeltaTableWriter.replace(spark, STEPS, path, wrong, run("r1")));

    assertTrue(e.getMessage().startsWith("Rows for table steps have columns [run_id string not"
        + " null, step bigint not null]"), e.getMessage());
  }

  @Test
  void tableCreatedPartitioned() {
    SparkSession spark = SparkTestSession.get();
    String path = folder.resolve("steps").toString();

    DeltaTableWriter.ensureTable(spark, STEPS, path);

    Map<String, Object> detail = new LinkedHashMap<>();
    Row row = spark.sql("DESCRIBE DETAIL delta.`" + path + "`").first();
    detail.put("partitionColumns", row.getList(row.fieldIndex("partitionColumns")));
    assertEquals(List.of("run_id"), detail.get("partitionColumns"));
  }
}
