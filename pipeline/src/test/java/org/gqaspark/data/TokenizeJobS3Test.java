package org.gqaspark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.tables.IngestTables;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.testing.S3ProxyServer;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tokenize job with corpus and tables on S3 (s3proxy on 127.0.0.1), run twice. */
class TokenizeJobS3Test {

  private static final String RUN_ID = "s3-run";

  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();

  private static TableLocations tables;
  private static TokenizeReport second;

  @BeforeAll
  static void tokenizeTwice() throws IOException {
    SparkSession spark = SparkTestSession.get();
    S3.configure(spark);
    List<DatasetSpec> datasets = MessyCorpus.write(S3.uri("corpus"),
        spark.sparkContext().hadoopConfiguration());
    tables = new TableLocations(S3.uri("delta"));
    TokenizeSettings settings = new TokenizeSettings(new RunId(RUN_ID), tables, 2,
        new ReadLimits(1 << 20, 80), datasets);

    TokenizeJob.run(spark, settings, TestTokenizers.t5());
    second = TokenizeJob.run(spark, settings, TestTokenizers.t5());
  }

  @Test
  void reportCountsEveryRecord() {
    TokenizeJobChecks.checkReport(second);
  }

  @Test
  void rejectsHaveReasonAndLine() {
    TokenizeJobChecks.checkRejects(SparkTestSession.get(), tables, RUN_ID);
  }

  @Test
  void examplesHaveTokenizerIds() {
    TokenizeJobChecks.checkExamples(SparkTestSession.get(), tables, RUN_ID,
        TestTokenizers.t5());
  }

  @Test
  void rejectCountsStored() {
    TokenizeJobChecks.checkRejectCounts(SparkTestSession.get(), tables, RUN_ID);
  }

  @Test
  void nothingLost() {
    TokenizeJobChecks.checkNothingLost(SparkTestSession.get(), tables, RUN_ID);
  }

  @Test
  void filesAreS3Uris() {
    Row row = TokenizeJobChecks.rows(SparkTestSession.get(), tables, IngestTables.EXAMPLES,
        RUN_ID).first();

    assertTrue(row.<String>getAs("source_file").startsWith(S3.uri("corpus/")),
        row.<String>getAs("source_file"));
  }

  @Test
  void deltaLogOnS3() {
    assertEquals(true, java.nio.file.Files.isDirectory(
        S3.folder().resolve("delta/examples/_delta_log")));
  }
}
