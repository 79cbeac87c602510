package org.gqaspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gqaspark.testing.RepoPaths;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark scoring against the single-process result on the shipped SciTLDR test split: the
 * hypothesis is the first abstract sentence and the references are the several TLDRs.
 */
class SparkMetricsTest {

  private static final StructType SCHEMA = new StructType()
      .add("hypothesis", DataTypes.StringType)
      .add("references", DataTypes.createArrayType(DataTypes.StringType, true));

  private static final MetricSuite SUITE = new MetricSuite(BleuOptions.corpusDefaults(),
      ChrfOptions.chrfPlusPlus(), RougeOptions.standard(true));

  private static List<String> hypotheses;
  private static List<List<String>> references;
  private static Dataset<Row> data;

  @BeforeAll
  static void loadSciTldr() throws IOException {
    hypotheses = new ArrayList<>();
    references = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        Files.newInputStream(RepoPaths.shippedData("scitldr/test.jsonl.gz"))),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        JsonNode record = json.readTree(line);
        hypotheses.add(record.get("source").get(0).asText());
        List<String> targets = new ArrayList<>();
        record.get("target").forEach(target -> targets.add(target.asText()));
        references.add(targets);
      }
    }
    SparkSession spark = SparkTestSession.get();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < hypotheses.size(); i++) {
      rows.add(RowFactory.create(hypotheses.get(i), references.get(i)));
    }
    data = spark.createDataFrame(rows, SCHEMA).repartition(3);
  }

  @Test
  void corpusScoresEqualSingleProcess() {
    CorpusScores local = SUITE.corpusScore(hypotheses, references, null);
    CorpusScores spark = SparkMetrics.corpusScores(data, "hypothesis", "references", SUITE, null);
    assertEquals(618, spark.segments(), "segments");
    assertEquals(local.bleu().score(), spark.bleu().score(), "BLEU");
    assertEquals(local.bleu().signature(), spark.bleu().signature(), "BLEU signature");
    assertEquals(local.chrf().score(), spark.chrf().score(), "chrF++");
    assertEquals(local.rouge().means(), spark.rouge().means(), "ROUGE means");
  }

  @Test
  void signatureCountsVaryingReferences() {
    CorpusScores spark = SparkMetrics.corpusScores(data, "hypothesis", "references", SUITE, null);
    assertEquals("nrefs:var|case:mixed|eff:no|tok:13a|smooth:exp|version:"
        + ProductVersion.signatureValue(), spark.bleu().signature());
  }

  @Test
  void intervalsEqualSingleProcess() {
    Bootstrap bootstrap = new Bootstrap(200, 7, 0.95);
    List<String> hypothesesInRowOrder = new ArrayList<>();
    List<List<String>> referencesInRowOrder = new ArrayList<>();
    for (Row row : data.collectAsList()) {
      hypothesesInRowOrder.add(row.getString(0));
      referencesInRowOrder.add(row.getList(1));
    }
    CorpusScores local = SUITE.corpusScore(hypothesesInRowOrder, referencesInRowOrder,
        bootstrap);
    CorpusScores spark = SparkMetrics.corpusScores(data, "hypothesis", "references", SUITE,
        bootstrap);
    assertEquals(local.bleuInterval(), spark.bleuInterval(), "BLEU interval");
    assertEquals(local.chrfInterval(), spark.chrfInterval(), "chrF interval");
    assertEquals(local.rouge().intervals(), spark.rouge().intervals(), "ROUGE intervals");
  }

  @Test
  void segmentScoresEqualSingleProcess() {
    List<Row> rows = SparkMetrics.segmentScores(data, "hypothesis", "references", SUITE)
        .collectAsList();
    assertEquals(618, rows.size(), "rows");
    for (Row row : rows.subList(0, 20)) {
      Map<String, Double> expected = SUITE.segmentScores(row.getString(0), row.getList(1), -1)
          .values();
      assertEquals(expected, row.getJavaMap(row.fieldIndex(SparkMetrics.SCORES_COLUMN)));
    }
  }

  @Test
  void missingColumnIsAnError() {
    assertThrows(MetricErrors.InvalidMetricInputException.class,
        () -> SparkMetrics.corpusScores(data, "prediction", "references", SUITE, null));
  }
}
