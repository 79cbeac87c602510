package org.gqaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.EnumSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.checkpoint.ExistingDirectory;
import org.gqaspark.checkpoint.LoadedCheckpoint;
import org.gqaspark.checkpoint.ModelCheckpoint;
import org.gqaspark.checkpoint.TestTensors;
import org.gqaspark.checkpoint.WriteOptions;
import org.gqaspark.model.AttentionKind;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.T5Config;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {

  private static final T5Config MHA =
      T5Config.multiHead(10, 8, 2, 12, 1, 2, 4, FeedForwardKind.RELU, true);

  @TempDir
  java.nio.file.Path tmp;

  private final FileSystem fs = TestTensors.localFs();

  private String source() throws Exception {
    ModelCheckpoint.save(fs, TestTensors.path(tmp.resolve("mha")), MHA,
        TestTensors.randomModel(MHA, 1), WriteOptions.defaults(),
        ExistingDirectory.FAIL_IF_NOT_EMPTY);
    return tmp.resolve("mha").toString();
  }

  @Test
  void convertWritesLoadableCheckpoint() throws Exception {
    String target = tmp.resolve("mqa").toString();

    CommandRun run = CommandRun.of("convert", "--from", source(), "--to", target,
        "--kv-heads", "1", "--method", "first", "--attention-kinds", "decoder_self,cross",
        "--dtype", "bf16", "--max-shard-size", "2KB");
    LoadedCheckpoint loaded = ModelCheckpoint.load(fs, TestTensors.path(tmp.resolve("mqa")));

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(1, loaded.config().numKeyValueHeads());
    assertEquals(EnumSet.of(AttentionKind.DECODER_SELF, AttentionKind.CROSS),
        loaded.config().gqaAttentionKinds());
    assertTrue(Files.exists(tmp.resolve("mqa/model.safetensors.index.json")));
    assertTrue(run.out().startsWith("Wrote " + target + ": "), run.out());
  }

  @Test
  void convertWithRunIdWritesRunsRow() throws Exception {
    SparkSession spark = SparkTestSession.get();
    String tables = tmp.resolve("delta").toString();

    CommandRun run = CommandRun.of("convert", "--from", source(), "--to",
        tmp.resolve("gqa").toString(), "--kv-heads", "2", "--run-id", "convert-2",
        "--parent-run-id", "pretrain-1", "--tables-root", tables);
    Row row = spark.read().format("delta").load(tables + "/runs")
        .filter("run_id = 'convert-2'").first();

    assertEquals(0, run.exitCode(), run.err());
    assertEquals("convert", row.getAs("phase"));
    assertEquals("succeeded", row.getAs("status"));
    assertEquals("pretrain-1", row.getAs("parent_run_id"));
    assertEquals("mean", row.getAs("conversion_method"));
    assertEquals(4, (int) row.getAs("num_heads"));
    assertEquals(2, (int) row.getAs("num_key_value_heads"));
    assertEquals(tmp.resolve("gqa").toString(), row.getAs("output_path"));
  }

  @Test
  void failedConvertMarksRunFailed() throws Exception {
    SparkSession spark = SparkTestSession.get();
    String tables = tmp.resolve("delta").toString();

    CommandRun run = CommandRun.of("convert", "--from", source(), "--to",
        tmp.resolve("bad").toString(), "--kv-heads", "3", "--run-id", "convert-3",
        "--tables-root", tables);
    Row row = spark.read().format("delta").load(tables + "/runs")
        .filter("run_id = 'convert-3'").first();

    assertEquals(1, run.exitCode());
    assertEquals("failed", row.getAs("status"));
    assertTrue(row.<String>getAs("error_message").contains("(3) must divide num_heads (4)"),
        row.<String>getAs("error_message"));
  }

  @Test
  void convertRejectsNonDivisor() throws Exception {
    CommandRun run = CommandRun.of("convert", "--from", source(), "--to",
        tmp.resolve("out").toString(), "--kv-heads", "3");

    assertEquals(1, run.exitCode());
    assertEquals("Error: Cannot convert to 3 key/value heads: G = 3 must divide the number of"
        + " query heads H = 4 so that every group has the same number of heads. Choose a"
        + " divisor of 4.\n", run.err());
  }

  @Test
  void convertRejectsZeroKeyValueHeads() throws Exception {
    CommandRun run = CommandRun.of("convert", "--from", source(), "--to",
        tmp.resolve("out").toString(), "--kv-heads", "0");

    assertEquals(1, run.exitCode());
    assertEquals("Error: Invalid --kv-heads 0: give at least 1 key/value head, a divisor of"
        + " num_heads in the source config.json.\n", run.err());
  }

  @Test
  void convertRefusesNonEmptyTarget() throws Exception {
    Files.createDirectories(tmp.resolve("out"));
    Files.writeString(tmp.resolve("out/keep.txt"), "user data");

    CommandRun run = CommandRun.of("convert", "--from", source(), "--to",
        tmp.resolve("out").toString(), "--kv-heads", "2");

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("the directory exists and has 1 entries"), run.err());
    assertTrue(Files.exists(tmp.resolve("out/keep.txt")));
  }

  @Test
  void byteSizesFollowHuggingFaceUnits() {
    ByteSizeConverter converter = new ByteSizeConverter();

    assertEquals(5_000_000_000L, converter.convert("5GB"));
    assertEquals(2L << 30, converter.convert("2GiB"));
    assertEquals(500_000_000L, converter.convert("500mb"));
    assertEquals(1234L, converter.convert("1234"));
  }
}
