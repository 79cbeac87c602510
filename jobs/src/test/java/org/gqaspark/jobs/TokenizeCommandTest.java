package org.gqaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.testing.RepoPaths;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizeCommandTest {

  @TempDir
  static Path folder;

  private static Path conf;

  @BeforeAll
  static void writeCorpusAndConf() throws IOException {
    // The command reuses this running session and leaves it running.
    SparkTestSession.get();
    Path corpus = folder.resolve("news.jsonl");
    Files.writeString(corpus, """
        {"id": "a", "article": "The cat sat on the mat.", "highlights": "Cat sits."}
        {"id": "b", "article": "", "highlights": "Empty."}
        {"id": "c", "article": "Dogs bark at night.", "highlights": "Dogs bark."}
        """, StandardCharsets.UTF_8);
    String vocabulary = RepoPaths.root().resolve("pipeline/src/test/resources/t5/spiece.model")
        .toString();
    conf = folder.resolve("tokenize.conf");
    Files.writeString(conf, """
        tables.root = "%s"
        spark.master = "local[2]"
        tokenize {
          vocabulary = "%s"
          add-dummy-prefix = true
          datasets = [
            { name = news, split = test, format = jsonl, paths = ["%s"]
              source-field = article, target-field = highlights, id-field = id
              task-prefix = "summarize: ", max-input-tokens = 64, max-target-tokens = 16 }
            { name = news, split = dev, format = jsonl, paths = ["%s"]
              source-field = article, target-field = highlights
              max-input-tokens = 64, max-target-tokens = 16 }
          ]
        }
        """.formatted(folder.resolve("delta"), vocabulary, corpus, corpus),
        StandardCharsets.UTF_8);
  }

  @Test
  void tokenizeWritesTables() {
    CommandRun run = CommandRun.of("tokenize", "--conf", conf.toString(), "--run-id", "cli-1",
        "--dataset", "news/test");
    SparkSession spark = SparkTestSession.get();
    List<Row> examples = spark.read().format("delta")
        .load(folder.resolve("delta/examples").toString())
        .filter("run_id = 'cli-1'").orderBy("example_id").collectAsList();

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("Tokenize run cli-1: 3 input records, 2 examples, 1 rejects"),
        run.out());
    assertEquals(List.of("a", "c"), examples.stream().map(r -> r.<String>getAs("example_id"))
        .toList());
  }

  @Test
  void tokenizeWritesRunsRow() {
    CommandRun run = CommandRun.of("tokenize", "--conf", conf.toString(), "--run-id", "cli-3",
        "--dataset", "news/dev");
    Row row = SparkTestSession.get().read().format("delta")
        .load(folder.resolve("delta/runs").toString()).filter("run_id = 'cli-3'").first();

    assertEquals(0, run.exitCode(), run.err());
    assertEquals("tokenize", row.getAs("phase"));
    assertEquals("succeeded", row.getAs("status"));
    assertEquals(folder.resolve("delta/examples").toString(), row.getAs("output_path"));
    assertTrue(row.<String>getAs("config").contains("\"vocabulary\""),
        row.<String>getAs("config"));
  }

  @Test
  void unknownDatasetRejected() {
    CommandRun run = CommandRun.of("tokenize", "--conf", conf.toString(), "--run-id", "cli-2",
        "--dataset", "wmt");

    assertEquals(1, run.exitCode());
    assertEquals("Error: Invalid --dataset wmt: the job file has [news/test, news/dev].",
        run.err().strip());
  }

  @Test
  void missingConfRejected() {
    Path missing = folder.resolve("missing.conf");

    CommandRun run = CommandRun.of("tokenize", "--conf", missing.toString(), "--run-id", "x");

    assertEquals(1, run.exitCode());
    assertTrue(run.err().startsWith("Error: Could not read the job file " + missing),
        run.err());
  }

  @Test
  void missingRunIdRejected() {
    CommandRun run = CommandRun.of("tokenize", "--conf", conf.toString());

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("\"tokenize.run-id\" is required"), run.err());
  }
}
