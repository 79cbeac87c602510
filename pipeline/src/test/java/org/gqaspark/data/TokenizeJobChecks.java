package org.gqaspark.data;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.tables.IngestTables;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.tables.TableSchema;
import org.gqaspark.tokenizer.Tokenizer;

/** Checks of the tables that a tokenize run over {@link MessyCorpus} wrote. */
final class TokenizeJobChecks {

  private TokenizeJobChecks() {}

  static Dataset<Row> rows(SparkSession spark, TableLocations tables, TableSchema table,
      String runId) {
    return spark.read().format("delta").load(tables.path(table))
        .filter(col("run_id").equalTo(runId));
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Checks the report's counts against the corpus: per dataset, inputs and reasons. */
  static void checkReport(TokenizeReport report) {
    assertEquals(23, report.inputRecords());
    assertEquals(MessyCorpus.EXAMPLES.size(), report.examples());
    assertEquals(MessyCorpus.REJECTS.size(), report.rejected());
    for (TokenizeReport.DatasetCounts dataset : report.datasets()) {
      String label = dataset.dataset() + "/" + dataset.split();
      assertEquals(MessyCorpus.INPUT_RECORDS.get(label), dataset.inputRecords(), label);
      assertEquals(dataset.inputRecords(), dataset.examples() + dataset.rejected(), label);
    }
  }

  /** Checks every reject row: dataset, file, line and reason. */
  static void checkRejects(SparkSession spark, TableLocations tables, String runId) {
    List<String> rejects = new ArrayList<>();
    for (Row row : rows(spark, tables, IngestTables.REJECTS, runId).collectAsList()) {
      rejects.add(row.getAs("dataset") + "/" + row.getAs("split") + "|"
          + fileName(row.getAs("file")) + "|" + row.getAs("line") + "|" + row.getAs("reason"));
    }
    rejects.sort(null);

    assertEquals(MessyCorpus.REJECTS, rejects);
  }

  /** Checks every example row, its ids against the tokenizer's, with EOS and truncation. */
  static void checkExamples(SparkSession spark, TableLocations tables, String runId,
      Tokenizer tokenizer) {
    Map<String, Row> byKey = new TreeMap<>();
    for (Row row : rows(spark, tables, IngestTables.EXAMPLES, runId).collectAsList()) {
      byKey.put(row.getAs("dataset") + "/" + row.getAs("split") + "|" + row.getAs("example_id"),
          row);
    }
    List<String> expectedKeys = MessyCorpus.EXAMPLES.stream()
        .map(e -> e.split("\\|")[0] + "|" + e.split("\\|")[1]).sorted().toList();
    assertEquals(expectedKeys, new ArrayList<>(byKey.keySet()));

    for (String example : MessyCorpus.EXAMPLES) {
      String[] parts = example.split("\\|");
      Row row = byKey.get(parts[0] + "|" + parts[1]);
      int[] input = withEos(tokenizer.encode(parts[4]), MessyCorpus.MAX_INPUT_TOKENS,
          tokenizer.eosId());
      int[] target = withEos(tokenizer.encode(parts[5]), MessyCorpus.MAX_TARGET_TOKENS,
          tokenizer.eosId());
      boolean truncated = tokenizer.encode(parts[4]).length + 1 > MessyCorpus.MAX_INPUT_TOKENS;

      assertEquals(parts[2], fileName(row.getAs("source_file")), example);
      assertEquals(Long.parseLong(parts[3]), (long) row.getAs("source_line"), example);
      assertArrayEquals(input, ints(row.getList(row.fieldIndex("input_ids"))), example);
      assertArrayEquals(target, ints(row.getList(row.fieldIndex("target_ids"))), example);
      assertEquals(input.length, (int) row.getAs("input_length"), example);
      assertEquals(target.length, (int) row.getAs("target_length"), example);
      assertEquals(truncated, row.getAs("truncated"), example);
      assertEquals(parts[4].substring(row.<String>getAs("task_prefix").length()),
          row.getAs("source_text"), example);
      assertEquals(parts[5], row.getAs("target_text"), example);
    }
  }

  /** Checks the reject counts: one row per reason and dataset, with the dataset totals. */
  static void checkRejectCounts(SparkSession spark, TableLocations tables, String runId) {
    Map<String, Long> expected = new TreeMap<>();
    for (String label : MessyCorpus.INPUT_RECORDS.keySet()) {
      for (RejectReason reason : RejectReason.values()) {
        expected.put(label + "|" + reason, 0L);
      }
    }
    for (String reject : MessyCorpus.REJECTS) {
      String[] parts = reject.split("\\|");
      expected.merge(parts[0] + "|" + parts[3], 1L, Long::sum);
    }

    Map<String, Long> actual = new TreeMap<>();
    for (Row row : rows(spark, tables, IngestTables.REJECT_COUNTS, runId).collectAsList()) {
      String label = row.getAs("dataset") + "/" + row.getAs("split");
      actual.put(label + "|" + row.getAs("reason"), row.getAs("rejected"));
      long examples = MessyCorpus.EXAMPLES.stream().filter(e -> e.startsWith(label + "|")).count();
      assertEquals(MessyCorpus.INPUT_RECORDS.get(label), (long) row.getAs("input_records"), label);
      assertEquals(examples, (long) row.getAs("examples"), label);
    }
    assertEquals(expected, actual);
  }

  /** Checks from the tables alone that examples plus rejects equal the input records. */
  static void checkNothingLost(SparkSession spark, TableLocations tables, String runId) {
    for (Map.Entry<String, Long> dataset : MessyCorpus.INPUT_RECORDS.entrySet()) {
      String[] key = dataset.getKey().split("/");
      long examples = rows(spark, tables, IngestTables.EXAMPLES, runId)
          .filter(col("dataset").equalTo(key[0]).and(col("split").equalTo(key[1]))).count();
      long rejects = rows(spark, tables, IngestTables.REJECTS, runId)
          .filter(col("dataset").equalTo(key[0]).and(col("split").equalTo(key[1]))).count();

      assertEquals(dataset.getValue(), examples + rejects, dataset.getKey());
    }
  }

  private static int[] withEos(int[] ids, int max, int eos) {
    int kept = Math.min(ids.length, max - 1);
    int[] result = Arrays.copyOf(ids, kept + 1);
    result[kept] = eos;
    return result;
  }

  private static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }
}
