package org.gqaspark.tables.export;

import io.delta.tables.DeltaTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.tables.TableSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports Delta tables to one CSV file per table plus {@code manifest.json}, for readers
 * without Spark or a Parquet library, such as the notebooks. Each table is read at one Delta
 * version (the latest when the export starts), its rows sorted by the table's key columns,
 * and written through a temporary file that is renamed when complete. {@link CsvValues}
 * describes how values are written. The output folder may be local or any Hadoop file
 * system (s3a included).
 */
public final class TableExport {

  /** Every table that the product writes, in the order an export writes them. */
  public static final List<String> ALL_TABLES = List.of("runs", "training_steps", "metrics",
      "predictions", "decode_timings", "rejects", "reject_counts", "examples");

  /** The tables exported when none are named: all but examples, which contains token ids. */
  public static final List<String> DEFAULT_TABLES = ALL_TABLES.subList(0, ALL_TABLES.size() - 1);

  private static final Pattern RUN_PREFIX = Pattern.compile("[A-Za-z0-9._:-]*");
  private static final Logger LOG = LoggerFactory.getLogger(TableExport.class);

  private TableExport() {}

  /**
   * Writes {@code NAME.csv} for every named table that exists under {@code tables} and then
   * {@code manifest.json} into {@code outputDir}, replacing files of earlier exports.
   *
   * @param names the tables to export, from {@link #ALL_TABLES}
   * @param runPrefix keep only rows whose run_id starts with this, or null for all rows
   * @return the manifest as written
   * @throws IllegalArgumentException for an unknown table name or an invalid prefix
   * @throws IOException when the output folder cannot be written
   */
  public static ExportManifest run(SparkSession spark, TableLocations tables, String outputDir,
      List<String> names, String runPrefix) throws IOException {
    checkNames(names);
    if (runPrefix != null && !RUN_PREFIX.matcher(runPrefix).matches()) {
      throw ExportErrors.invalidRunPrefix(runPrefix);
    }
    Path out = new Path(outputDir);
    FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (fs instanceof LocalFileSystem local) {
      // The raw local file system writes no .crc files beside the CSVs.
      fs = local.getRaw();
    }
    fs.mkdirs(out);
    LOG.info("Exporting tables {} from {} to {} (run prefix: {})", names, tables.root(),
        outputDir, runPrefix == null ? "none" : runPrefix);

    List<ExportedTable> written = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      TableSchema schema = TableSchema.load(name);
      String path = tables.path(schema);
      if (!DeltaTable.isDeltaTable(spark, path)) {
        LOG.warn("Table {} not found at {}; no {}.csv written.", name, path, name);
        missing.add(name);
        continue;
      }
      written.add(exportTable(spark, schema, path, fs, out, runPrefix));
    }

    ExportManifest manifest = new ExportManifest(tables.root(), Instant.now(), runPrefix,
        written, missing);
    writeAtomically(fs, new Path(out, ExportManifest.FILE_NAME),
        writer -> writer.write(manifest.toJson()));
    return manifest;
  }

  private static ExportedTable exportTable(SparkSession spark, TableSchema schema, String path,
      FileSystem fs, Path out, String runPrefix) throws IOException {
    long started = System.nanoTime();
    long version = DeltaTable.forPath(spark, path).history(1).select("version").first()
        .getLong(0);
    Dataset<Row> rows = spark.read().format("delta").option("versionAsOf", version).load(path);
    if (runPrefix != null && !runPrefix.isEmpty()) {
      rows = rows.filter(functions.col("run_id").startsWith(runPrefix));
    }
    rows = rows.orderBy(sortColumns(schema, rows.schema()));
    StructType columns = rows.schema();

    String file = schema.name() + ".csv";
    long[] count = {0};
    Dataset<Row> sorted = rows;
    writeAtomically(fs, new Path(out, file), writer -> {
      CsvWriter csv = new CsvWriter(writer);
      csv.write(List.of(columns.fieldNames()));
      Iterator<Row> iterator = sorted.toLocalIterator();
      while (iterator.hasNext()) {
        csv.write(CsvValues.fields(iterator.next(), columns));
        count[0]++;
      }
    });

    List<ExportedTable.Column> described = new ArrayList<>();
    for (StructField field : columns.fields()) {
      described.add(new ExportedTable.Column(field.name(), field.dataType().simpleString()));
    }
    LOG.info("Exported {} version {}: {} rows to {} in {} s", schema.name(), version, count[0],
        new Path(out, file), String.format("%.1f", (System.nanoTime() - started) / 1e9));
    return new ExportedTable(schema.name(), file, version, count[0], described);
  }

  /** Returns the key columns that the table has, for a stable row order. */
  private static Column[] sortColumns(TableSchema schema, StructType actual) {
    List<String> present = List.of(actual.fieldNames());
    return schema.keyColumns().stream().filter(present::contains).map(functions::col)
        .toArray(Column[]::new);
  }

  private static void checkNames(List<String> names) {
    if (names.isEmpty()) {
      throw ExportErrors.noTables();
    }
    for (String name : names) {
      if (!ALL_TABLES.contains(name)) {
        throw ExportErrors.unknownTable(name, ALL_TABLES);
      }
    }
  }

  /** The body of a file write. */
  private interface WriteBody {
    void write(Writer writer) throws IOException;
  }

  // Readers never see half a file: the content goes to NAME.tmp, renamed when complete.
  private static void writeAtomically(FileSystem fs, Path target, WriteBody body)
      throws IOException {
    Path temporary = new Path(target.getParent(), target.getName() + ".tmp");
    try (Writer writer = new BufferedWriter(new OutputStreamWriter(fs.create(temporary, true),
        StandardCharsets.UTF_8))) {
      body.write(writer);
    }
    if (fs.exists(target)) {
      fs.delete(target, false);
    }
    if (!fs.rename(temporary, target)) {
      throw new IOException("Could not rename " + temporary + " to " + target
          + "; check the permissions of the output folder.");
    }
  }
}
