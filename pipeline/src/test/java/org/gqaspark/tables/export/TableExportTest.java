package org.gqaspark.tables.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.tables.DeltaTableWriter;
import org.gqaspark.tables.RowSlice;
import org.gqaspark.tables.RunsTable;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.tables.TableSchema;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV export on real Delta tables whose values need quoting, escaping and JSON. */
class TableExportTest {

  private static final Timestamp START = Timestamp.from(Instant.parse("2025-01-02T03:04:05.123Z"));
  private static final Timestamp END = Timestamp.from(Instant.parse("2025-01-02T03:05:00Z"));

  @TempDir
  static Path folder;

  private static TableLocations tables;

  @BeforeAll
  static void writeTables() {
    SparkSession spark = SparkTestSession.get();
    tables = new TableLocations(folder.resolve("delta").toString());

    TableSchema runs = RunsTable.SCHEMA;
    List<Row> runRows = List.of(
        RowFactory.create("exp-1:eval", "evaluate", "exp-1:uptrain",
            "d_model 16, d_ff 32, \"tiny\"", 4, 2, "mean", 0.05, null,
            "{\"train\":{\"steps\":20}}", "gqa-0.1.0", null, START, END, "failed",
            "IllegalStateException: line one\nline two, with \"quotes\""),
        RowFactory.create("exp-1:uptrain", "uptrain", null, "", 4, 2, "mean", 0.05, 20L,
            null, "gqa-0.1.0", "/runs/exp-1/checkpoint-20", START, null, "running", null),
        RowFactory.create("other-run", "pretrain", null, null, 4, 4, null, null, 100L, null,
            "gqa-0.1.0", null, START, END, "succeeded", null));
    DeltaTableWriter.replace(spark, runs, tables.path(runs),
        spark.createDataFrame(runRows, runs.structType()),
        RowSlice.where(Map.of("run_id", "exp-1:eval")).or(Map.of("run_id", "exp-1:uptrain"))
            .or(Map.of("run_id", "other-run")));

    TableSchema predictions = TableSchema.load("predictions");
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put("rougeL", 12.5);
    scores.put("bleu", Double.NaN);
    List<Row> predictionRows = List.of(
        RowFactory.create("exp-1:eval", "tatoeba", "test", "line-2",
            "Grüße, \"Welt\"", "Hallo\r\nWelt", scores, 7, 5),
        RowFactory.create("exp-1:eval", "tatoeba", "test", "line-10", "", "x", null, 3, 0));
    DeltaTableWriter.replace(spark, predictions, tables.path(predictions),
        spark.createDataFrame(predictionRows, predictions.structType()),
        RowSlice.where(Map.of("run_id", "exp-1:eval")));
  }

  @Test
  void runsCsvQuotesTrickyValues() throws IOException {
    Path out = folder.resolve("all");

    TableExport.run(SparkTestSession.get(), tables, out.toString(), List.of("runs"), null);

    assertEquals("run_id,phase,parent_run_id,model_shape,num_heads,num_key_value_heads,"
        + "conversion_method,uptraining_fraction,steps,config,code_version,output_path,"
        + "start_time,end_time,status,error_message\r\n"
        + "exp-1:eval,evaluate,exp-1:uptrain,\"d_model 16, d_ff 32, \"\"tiny\"\"\",4,2,mean,"
        + "0.05,,\"{\"\"train\"\":{\"\"steps\"\":20}}\",gqa-0.1.0,,2025-01-02T03:04:05.123Z,"
        + "2025-01-02T03:05:00Z,failed,\"IllegalStateException: line one\nline two, with"
        + " \"\"quotes\"\"\"\r\n"
        + "exp-1:uptrain,uptrain,,\"\",4,2,mean,0.05,20,,gqa-0.1.0,/runs/exp-1/checkpoint-20,"
        + "2025-01-02T03:04:05.123Z,,running,\r\n"
        + "other-run,pretrain,,,4,4,,,100,,gqa-0.1.0,,2025-01-02T03:04:05.123Z,"
        + "2025-01-02T03:05:00Z,succeeded,\r\n",
        Files.readString(out.resolve("runs.csv"), StandardCharsets.UTF_8));
  }

  @Test
  void predictionsCsvWritesMapsAsJson() throws IOException {
    Path out = folder.resolve("predictions");

    TableExport.run(SparkTestSession.get(), tables, out.toString(), List.of("predictions"),
        null);

    // Sorted by the key columns: example_id "line-10" before "line-2".
    assertEquals("run_id,dataset,split,example_id,hypothesis,reference,scores,source_length,"
        + "generated_length\r\n"
        + "exp-1:eval,tatoeba,test,line-10,\"\",x,,3,0\r\n"
        + "exp-1:eval,tatoeba,test,line-2,\"Grüße, \"\"Welt\"\"\",\"Hallo\r\nWelt\","
        + "\"{\"\"rougeL\"\":12.5,\"\"bleu\"\":NaN}\",7,5\r\n",
        Files.readString(out.resolve("predictions.csv"), StandardCharsets.UTF_8));
  }

  @Test
  void manifestNamesVersionsAndMissing() throws IOException {
    Path out = folder.resolve("manifest");

    ExportManifest manifest = TableExport.run(SparkTestSession.get(), tables, out.toString(),
        List.of("runs", "metrics"), null);
    JsonNode json = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());

    assertEquals(List.of("metrics"), manifest.missingTables());
    assertEquals("runs", json.at("/tables/0/table").asText());
    assertEquals("runs.csv", json.at("/tables/0/file").asText());
    assertEquals(1, json.at("/tables/0/delta_version").asLong());
    assertEquals(3, json.at("/tables/0/rows").asLong());
    assertEquals("uptraining_fraction", json.at("/tables/0/columns/7/name").asText());
    assertEquals("double", json.at("/tables/0/columns/7/type").asText());
    assertEquals("metrics", json.at("/missing_tables/0").asText());
    assertFalse(Files.exists(out.resolve("metrics.csv")));
    assertFalse(Files.exists(out.resolve(".runs.csv.crc")));
  }

  @Test
  void runPrefixFiltersRows() throws IOException {
    Path out = folder.resolve("prefix");

    ExportManifest manifest = TableExport.run(SparkTestSession.get(), tables, out.toString(),
        List.of("runs"), "exp-1:");
    List<String> lines = Files.readAllLines(out.resolve("runs.csv"));

    assertEquals(2, manifest.tables().get(0).rows());
    assertEquals("exp-1:uptrain,uptrain,,\"\",4,2,mean,0.05,20,,gqa-0.1.0,"
        + "/runs/exp-1/checkpoint-20,2025-01-02T03:04:05.123Z,,running,",
        lines.get(lines.size() - 1));
  }

  @Test
  void unknownTableRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> TableExport.run(SparkTestSession.get(), tables, folder.resolve("x").toString(),
            List.of("runs", "metric"), null));

    assertEquals("Unknown table \"metric\" in the tables list: choose from runs,"
        + " training_steps, metrics, predictions, decode_timings, rejects, reject_counts,"
        + " examples.", error.getMessage());
  }
}
