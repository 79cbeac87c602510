package org.gqaspark.tables;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotent writes to Delta tables with a declared {@link TableSchema}. Every write replaces
 * a slice of rows in one Delta commit, so a job that runs again with the same run id leaves
 * one set of rows, and a reader never sees half a write:
 *
 * <ul>
 *   <li>{@link #replace}: delete the slice and insert the new rows ({@code replaceWhere}), for
 *       jobs that rewrite everything they own, such as the tokenize job;
 *   <li>{@link #upsert}: MERGE on the key columns, updating matched rows, inserting new ones
 *       and optionally deleting rows of a slice that the new rows no longer contain, for
 *       tables written row by row over time, such as training steps.
 * </ul>
 *
 * The table is created with the declared columns, comments, NOT NULL constraints and
 * partitioning on first write. Concurrent writers of disjoint slices of a partitioned table
 * do not conflict when the slice fixes the partition columns.
 */
public final class DeltaTableWriter {

  private static final Logger LOG = LoggerFactory.getLogger(DeltaTableWriter.class);

  private DeltaTableWriter() {}

  /**
   * Creates the table at {@code path} when it does not exist, and checks that an existing
   * table has the declared columns.
   *
   * @throws TableErrors.SchemaMismatchException when an existing table has other columns
   */
  public static void ensureTable(SparkSession spark, TableSchema table, String path) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      DeltaTable.createIfNotExists(spark)
          .location(path)
          .addColumns(table.structType())
          .partitionedBy(table.partitionColumns().toArray(new String[0]))
          .comment(table.description())
          .execute();
      LOG.info("Created Delta table {} at {}", table.name(), path);
    }
    StructType actual = DeltaTable.forPath(spark, path).toDF().schema();
    if (!sameColumns(table.structType(), actual)) {
      throw TableErrors.tableMismatch(table.name(), path, describe(table.structType()),
          describe(actual));
    }
  }

  /**
   * Replaces the rows of {@code slice} with {@code rows} in one commit. Every row must lie in
   * the slice; Delta rejects the write otherwise.
   */
  public static void replace(SparkSession spark, TableSchema table, String path,
      Dataset<Row> rows, RowSlice slice) {
    ensureTable(spark, table, path);
    conform(table, rows).write()
        .format("delta")
        .mode("overwrite")
        .option("replaceWhere", slice.sql())
        .save(path);
    LOG.info("Replaced rows of {} where {} at {}", table.name(), slice, path);
  }

  /**
   * Merges {@code rows} into the table on its key columns: matched rows are updated, new rows
   * inserted. When {@code scope} is not null, rows of the scope that no new row matches are
   * deleted, so the scope ends up equal to {@code rows}. Keys must be unique within {@code
   * rows}; Delta fails the merge otherwise.
   */
  public static void upsert(SparkSession spark, TableSchema table, String path,
      Dataset<Row> rows, RowSlice scope) {
    ensureTable(spark, table, path);
    List<String> matches = new ArrayList<>();
    for (String key : table.keyColumns()) {
      matches.add("t.`" + key + "` <=> s.`" + key + "`");
    }
    var merge = DeltaTable.forPath(spark, path).as("t")
        .merge(conform(table, rows).as("s"), String.join(" AND ", matches))
        .whenMatched().updateAll()
        .whenNotMatched().insertAll();
    if (scope != null) {
      merge = merge.whenNotMatchedBySource(scope.sql("t.")).delete();
    }
    merge.execute();
    LOG.info("Merged rows into {} on {} at {}", table.name(), table.keyColumns(), path);
  }

  /**
   * Deletes the rows of {@code slice} in one commit; does nothing when the table does not
   * exist yet.
   */
  public static void delete(SparkSession spark, TableSchema table, String path,
      RowSlice slice) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return;
    }
    DeltaTable.forPath(spark, path).delete(slice.sql());
    LOG.info("Deleted rows of {} where {} at {}", table.name(), slice, path);
  }

  /** Returns the rows with the table's columns in table order, after checking their types. */
  static Dataset<Row> conform(TableSchema table, Dataset<Row> rows) {
    StructType declared = table.structType();
    List<Column> columns = new ArrayList<>();
    for (StructField field : declared.fields()) {
      StructField rowField = find(rows.schema(), field.name());
      if (rowField == null || !sameType(field.dataType(), rowField.dataType())) {
        throw TableErrors.rowsMismatch(table.name(), describe(declared), describe(rows.schema()));
      }
      columns.add(rows.col(field.name()));
    }
    if (rows.schema().fields().length != declared.fields().length) {
      throw TableErrors.rowsMismatch(table.name(), describe(declared), describe(rows.schema()));
    }
    return rows.select(columns.toArray(new Column[0]));
  }

  private static boolean sameColumns(StructType declared, StructType actual) {
    if (declared.fields().length != actual.fields().length) {
      return false;
    }
    for (int i = 0; i < declared.fields().length; i++) {
      StructField expected = declared.fields()[i];
      StructField found = actual.fields()[i];
      if (!expected.name().equals(found.name())
          || !sameType(expected.dataType(), found.dataType())
          || expected.nullable() != found.nullable()) {
        return false;
      }
    }
    return true;
  }

  // Types compare without nullability: array<int> with or without null elements is one type.
  private static boolean sameType(DataType a, DataType b) {
    if (a instanceof ArrayType left && b instanceof ArrayType right) {
      return sameType(left.elementType(), right.elementType());
    }
    if (a instanceof MapType left && b instanceof MapType right) {
      return sameType(left.keyType(), right.keyType())
          && sameType(left.valueType(), right.valueType());
    }
    if (a instanceof StructType left && b instanceof StructType right) {
      if (left.fields().length != right.fields().length) {
        return false;
      }
      for (int i = 0; i < left.fields().length; i++) {
        if (!left.fields()[i].name().equals(right.fields()[i].name())
            || !sameType(left.fields()[i].dataType(), right.fields()[i].dataType())) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static StructField find(StructType schema, String name) {
    for (StructField field : schema.fields()) {
      if (field.name().equals(name)) {
        return field;
      }
    }
    return null;
  }

  private static String describe(StructType schema) {
    List<String> columns = new ArrayList<>();
    for (StructField field : schema.fields()) {
      columns.add(field.name() + " " + field.dataType().simpleString()
          + (field.nullable() ? "" : " not null"));
    }
    return "[" + String.join(", ", columns) + "]";
  }
}
