package org.gqaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.checkpoint.FloatTensor;
import org.gqaspark.checkpoint.LoadedCheckpoint;
import org.gqaspark.checkpoint.ModelCheckpoint;
import org.gqaspark.checkpoint.RunCheckpoints;
import org.gqaspark.checkpoint.TestTensors;
import org.gqaspark.testing.RepoPaths;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training commands on real text: 240 Tatoeba sentence pairs, tokenized as raw text with
 * the T5 vocabulary, a tiny model, Delta tables and checkpoints in a temporary folder.
 */
class TrainingCommandsTest {

  private static final Pattern RESUMED = Pattern.compile("resumed from step (\\d+)");

  @TempDir
  static Path folder;

  private static Path pretrainConf;

  @BeforeAll
  static void tokenizeCorpus() throws IOException {
    SparkTestSession.get();
    Path english = folder.resolve("eng.txt");
    Path german = folder.resolve("deu.txt");
    Files.write(english, head("tatoeba-en-de/tatoeba-test-v2021-08-07.deu-eng.eng.gz", 240));
    Files.write(german, head("tatoeba-en-de/tatoeba-test-v2021-08-07.deu-eng.deu.gz", 240));
    String vocabulary = RepoPaths.root().resolve("pipeline/src/test/resources/t5/spiece.model")
        .toString();
    Path tokenizeConf = folder.resolve("tokenize.conf");
    Files.writeString(tokenizeConf, """
        tables.root = "%s"
        tokenize {
          vocabulary = "%s"
          add-dummy-prefix = true
          datasets = [
            { name = tatoeba-text, split = test, format = text-pair
              source-paths = ["%s"], target-paths = ["%s"]
              max-input-tokens = 64, max-target-tokens = 64, over-length = truncate }
          ]
        }
        """.formatted(folder.resolve("delta"), vocabulary, english, german));
    CommandRun tokenized = CommandRun.of("tokenize", "--conf", tokenizeConf.toString(),
        "--run-id", "text-1");
    assertEquals(0, tokenized.exitCode(), tokenized.err());

    pretrainConf = folder.resolve("pretrain.conf");
    Files.writeString(pretrainConf, """
        tables.root = "%s"
        spark { master = "local[1]", conf { "spark.ui.enabled" = false } }
        train {
          output-dir = "%s"
          steps = 20
          seed = 4
          model { d-model = 16, d-kv = 4, d-ff = 32, num-heads = 4, num-layers = 1,
                  feed-forward-proj = relu, dropout-rate = 0.1 }
          batch { global-size = 8, micro-size = 4 }
          partitions = 1
          window-steps = 8
          driver-threads = 1
          gemm-backend = java
          data {
            tokenize-run-id = text-1
            vocabulary = "%s"
            train = [ { dataset = tatoeba-text, split = test } ]
            validation = [ { dataset = tatoeba-text, split = test } ]
          }
          objective.span-corruption.input-length = 24
          optimizer { learning-rate = 3e-3, schedule = inverse-sqrt, warmup-steps = 5 }
          checkpoint { every = 5, keep = 2 }
          validation { every = 10, max-examples = 16, batch-size = 8 }
          log-every = 5
          steps-table-flush-every = 10
        }
        """.formatted(folder.resolve("delta"), folder.resolve("runs"), vocabulary));

    // The uninterrupted run that the resumed one must match, and the source of the others.
    CommandRun straight = CommandRun.of("pretrain", "--conf", pretrainConf.toString(),
        "--run-id", "straight");
    assertEquals(0, straight.exitCode(), straight.err());
  }

  @Test
  void killedPretrainResumesBitwise() throws Exception {
    Path killedRun = folder.resolve("runs/killed");
    Process child = startPretrain("killed", folder.resolve("killed.log"));
    try {
      waitFor(killedRun.resolve("checkpoint-5"), 5, child, folder.resolve("killed.log"));
    } finally {
      child.destroyForcibly().waitFor();
    }
    boolean finishedBeforeKill = Files.exists(killedRun.resolve("checkpoint-20/_COMPLETE"));

    CommandRun resumed = CommandRun.of("pretrain", "--conf", pretrainConf.toString(),
        "--run-id", "killed");
    Matcher resumedFrom = RESUMED.matcher(resumed.out());

    assertFalse(finishedBeforeKill, "the child finished before it was killed");
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumedFrom.find(), resumed.out());
    assertTrue(Integer.parseInt(resumedFrom.group(1)) >= 5, resumed.out());
    Map<String, FloatTensor> expected = weights("straight");
    Map<String, FloatTensor> actual = weights("killed");
    for (String name : expected.keySet()) {
      assertArrayEquals(expected.get(name).data(), actual.get(name).data(), 0f, name);
    }
    assertEquals(20L, trainRows("killed"));
    assertEquals("succeeded", runStatus("killed"));
  }

  @Test
  void uptrainSizedByAlpha() throws Exception {
    String converted = folder.resolve("runs/straight-mqa").toString();
    CommandRun convert = CommandRun.of("convert", "--from",
        folder.resolve("runs/straight/checkpoint-20").toString(), "--to", converted,
        "--kv-heads", "1");
    Path uptrainConf = folder.resolve("uptrain.conf");
    Files.writeString(uptrainConf, "include file(\"" + pretrainConf + "\")\n"
        + "train { model = null, init-checkpoint = \"" + converted + "\", steps = null,"
        + " alpha = 0.3, conversion-method = mean }\n");

    CommandRun uptrain = CommandRun.of("uptrain", "--conf", uptrainConf.toString(),
        "--run-id", "uptrain-mqa");
    Row run = SparkTestSession.get().read().format("delta")
        .load(folder.resolve("delta/runs").toString()).filter("run_id = 'uptrain-mqa'")
        .first();

    assertEquals(0, convert.exitCode(), convert.err());
    assertEquals(0, uptrain.exitCode(), uptrain.err());
    assertTrue(uptrain.out().startsWith("Run uptrain-mqa (uptrain): 6 steps"), uptrain.out());
    assertEquals("straight", run.getAs("parent_run_id"));
    assertEquals(0.3, (Double) run.getAs("uptraining_fraction"), 1e-12);
    assertEquals("mean", run.getAs("conversion_method"));
    assertEquals(1, (Integer) run.getAs("num_key_value_heads"));
    assertEquals("succeeded", run.getAs("status"));
  }

  @Test
  void finetuneTranslatesPairs() throws Exception {
    Path finetuneConf = folder.resolve("finetune.conf");
    Files.writeString(finetuneConf, "include file(\"" + pretrainConf + "\")\n"
        + "train { model = null, init-checkpoint = \""
        + folder.resolve("runs/straight/checkpoint-20") + "\", steps = 4,"
        + " data.train = [ { dataset = tatoeba-text, split = test } ],"
        + " data.validation = [] }\n");

    CommandRun finetune = CommandRun.of("finetune", "--conf", finetuneConf.toString(),
        "--run-id", "finetune-1");

    assertEquals(0, finetune.exitCode(), finetune.err());
    assertTrue(finetune.out().startsWith("Run finetune-1 (finetune): 4 steps"),
        finetune.out());
    assertEquals("succeeded", runStatus("finetune-1"));
  }

  /** Starts {@code gqa pretrain} in a child JVM with this JVM's flags and classpath. */
  private static Process startPretrain(String runId, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!argument.startsWith("-Xmx") && !argument.startsWith("-javaagent")
          && !argument.startsWith("-agentlib")) {
        command.add(argument);
      }
    }
    command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"),
        "org.gqaspark.jobs.Main", "pretrain", "--conf", pretrainConf.toString(), "--run-id",
        runId));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
  }

  /** Waits until the checkpoint counts as complete (its marker fully written and valid). */
  private static void waitFor(Path checkpoint, long step, Process child, Path log)
      throws Exception {
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (!RunCheckpoints.check(TestTensors.localFs(), TestTensors.path(checkpoint), step,
        false).isComplete()) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        List<String> lines = Files.readAllLines(log);
        throw new AssertionError("No complete " + checkpoint + " before the child "
            + (child.isAlive() ? "timed out" : "exited with " + child.exitValue())
            + "; its log ends with:\n"
            + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
      }
      Thread.sleep(20);
    }
  }

  private static Map<String, FloatTensor> weights(String runId) throws IOException {
    LoadedCheckpoint checkpoint = ModelCheckpoint.load(TestTensors.localFs(),
        TestTensors.path(folder.resolve("runs").resolve(runId).resolve("checkpoint-20")));
    return checkpoint.tensors();
  }

  private static long trainRows(String runId) {
    SparkSession spark = SparkTestSession.get();
    return spark.read().format("delta").load(folder.resolve("delta/training_steps").toString())
        .filter("run_id = '" + runId + "' AND kind = 'train'").select("step").distinct()
        .count();
  }

  private static String runStatus(String runId) {
    return SparkTestSession.get().read().format("delta")
        .load(folder.resolve("delta/runs").toString()).filter("run_id = '" + runId + "'")
        .first().getAs("status");
  }

  private static List<String> head(String shipped, int lines) throws IOException {
    List<String> kept = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(RepoPaths.shippedData(shipped))),
        StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null && kept.size() < lines;
          line = reader.readLine()) {
        kept.add(line);
      }
    }
    return kept;
  }
}
