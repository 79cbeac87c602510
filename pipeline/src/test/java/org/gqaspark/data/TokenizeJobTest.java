package org.gqaspark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.tables.IngestTables;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.testing.SparkTestSession;
import org.gqaspark.tokenizer.Tokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizeJobTest {

  @TempDir
  static Path folder;

  private static TableLocations tables;
  private static List<DatasetSpec> datasets;
  private static TokenizeReport first;

  @BeforeAll
  static void tokenizeOnce() throws IOException {
    SparkSession spark = SparkTestSession.get();
    datasets = MessyCorpus.write(folder.resolve("corpus").toUri().toString(),
        spark.sparkContext().hadoopConfiguration());
    tables = new TableLocations(folder.resolve("delta").toString());
    first = TokenizeJob.run(spark, settings("run-1"), TestTokenizers.t5());
  }

  private static TokenizeSettings settings(String runId) {
    return new TokenizeSettings(new RunId(runId), tables, 3, new ReadLimits(1 << 20, 80),
        datasets);
  }

  @Test
  void reportCountsEveryRecord() {
    TokenizeJobChecks.checkReport(first);
  }

  @Test
  void rejectsHaveReasonAndLine() {
    TokenizeJobChecks.checkRejects(SparkTestSession.get(), tables, "run-1");
  }

  @Test
  void examplesHaveTokenizerIds() {
    TokenizeJobChecks.checkExamples(SparkTestSession.get(), tables, "run-1",
        TestTokenizers.t5());
  }

  @Test
  void rejectCountsStored() {
    TokenizeJobChecks.checkRejectCounts(SparkTestSession.get(), tables, "run-1");
  }

  @Test
  void nothingLost() {
    TokenizeJobChecks.checkNothingLost(SparkTestSession.get(), tables, "run-1");
  }

  @Test
  void rerunLeavesOneSet() {
    SparkSession spark = SparkTestSession.get();

    TokenizeReport again = TokenizeJob.run(spark, settings("run-2"), TestTokenizers.t5());
    TokenizeJob.run(spark, settings("run-2"), TestTokenizers.t5());

    assertEquals(first.examples(), again.examples());
    assertEquals(first.examples(), TokenizeJobChecks.rows(spark, tables, IngestTables.EXAMPLES,
        "run-2").count());
    assertEquals(first.rejected(), TokenizeJobChecks.rows(spark, tables, IngestTables.REJECTS,
        "run-2").count());
    assertEquals(4L * RejectReason.values().length, TokenizeJobChecks.rows(spark, tables,
        IngestTables.REJECT_COUNTS, "run-2").count());
    assertEquals(first.examples(), TokenizeJobChecks.rows(spark, tables, IngestTables.EXAMPLES,
        "run-1").count());
  }
}
