package org.gqaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.testing.RepoPaths;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gqa decode-benchmark} on a tiny shape, and {@code gqa evaluate} failing on a missing
 * checkpoint; the pipeline module's tests cover a full evaluation.
 */
class EvaluateCommandsTest {

  @TempDir
  static Path folder;

  private static Path benchConf;
  private static Path evaluateConf;

  @BeforeAll
  static void writeConfs() throws IOException {
    // The commands reuse this running session and leave it running.
    SparkTestSession.get();
    benchConf = folder.resolve("bench.conf");
    Files.writeString(benchConf, """
        tables.root = "%s"
        decode-benchmark {
          shape { d-model = 16, d-ff = 32, heads = 4, d-kv = 4, layers = 1, decoder-layers = 1
                  vocab-size = 40 }
          kv-heads = [4, 1]
          batch-sizes = [2]
          source-lengths = [5]
          steps = 2
          repetitions = 1
          warmup = 0
          threads = 1
        }
        """.formatted(folder.resolve("delta")), StandardCharsets.UTF_8);
    evaluateConf = folder.resolve("evaluate.conf");
    Files.writeString(evaluateConf, """
        tables.root = "%s"
        evaluate {
          checkpoint = "%s"
          tokenizer = "%s"
          examples-run-id = tokenize-1
          eval-sets = [{ dataset = scitldr, split = test, task = summarization }]
        }
        """.formatted(folder.resolve("delta"), folder.resolve("missing-checkpoint"),
        RepoPaths.root().resolve("pipeline/src/test/resources/t5/spiece.model")),
        StandardCharsets.UTF_8);
  }

  @Test
  void decodeBenchmarkPrintsTable() {
    CommandRun run = CommandRun.of("decode-benchmark", "--conf", benchConf.toString(),
        "--run-id", "bench-cli");
    long rows = SparkTestSession.get().read().format("delta")
        .load(folder.resolve("delta/decode_timings").toString())
        .filter("run_id = 'bench-cli'").count();

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(2, rows);
    assertTrue(run.out().contains("kv_heads"), run.out());
    assertTrue(run.out().contains("Decode benchmark run bench-cli: 2 rows"), run.out());
  }

  @Test
  void evaluateMissingCheckpointFails() {
    CommandRun run = CommandRun.of("evaluate", "--conf", evaluateConf.toString(), "--run-id",
        "eval-cli");
    SparkSession spark = SparkTestSession.get();
    Row row = spark.read().format("delta").load(folder.resolve("delta/runs").toString())
        .filter("run_id = 'eval-cli'").first();

    assertEquals(1, run.exitCode());
    assertTrue(run.err().startsWith("Error: "), run.err());
    assertTrue(run.err().contains("config.json"), run.err());
    assertEquals("failed", row.getAs("status"));
    assertEquals("evaluate", row.getAs("phase"));
  }
}
