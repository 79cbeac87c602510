package org.gqaspark.jobs;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.gqaspark.checkpoint.FloatTensor;
import org.gqaspark.checkpoint.ModelCheckpoint;
import org.gqaspark.checkpoint.RunCheckpoints;
import org.gqaspark.checkpoint.TestTensors;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment whose JVM is killed (SIGKILL) during uptraining resumes when the same command
 * runs again, and ends with the weights of an uninterrupted run, bitwise. One variant (G = 1)
 * keeps the runs few.
 */
class RunResumeTest {

  private static final String UPTRAIN = "uptrain.kv1-mean-a0.5";
  private static final String FINETUNE = "finetune.kv1-mean-a0.5.pairs";

  @TempDir
  static Path folder;

  @Test
  void killedUptrainResumes() throws Exception {
    SparkTestSession.get();
    Path conf = folder.resolve("resume.conf");
    Files.writeString(conf, "include file(\"" + TinyExperiment.write(folder) + "\")\n"
        + "experiment.convert.key-value-heads = [1]\n");
    CommandRun straight = CommandRun.of("run", "--conf", conf.toString(), "--run-id",
        "straight");
    assertEquals(0, straight.exitCode(), straight.err());
    // The phases before uptraining run here, so the child JVM reaches uptraining sooner.
    CommandRun prepared = CommandRun.of("run", "--conf", conf.toString(), "--run-id",
        "killed", "--phase", "tokenize,pretrain,convert");
    assertEquals(0, prepared.exitCode(), prepared.err());

    Path log = folder.resolve("killed.log");
    Process child = startRun(conf, "killed", log);
    Path uptrainRun = TinyExperiment.runFolder(folder, "killed." + UPTRAIN);
    try {
      waitFor(uptrainRun.resolve("checkpoint-4"), 4, child, log);
    } finally {
      child.destroyForcibly().waitFor();
    }
    boolean uptrainFinished = Files.exists(uptrainRun.resolve("checkpoint-20/_COMPLETE"));
    String statusAfterKill = TinyExperiment.table(folder, "runs")
        .filter(col("run_id").equalTo("killed." + UPTRAIN)).first().getAs("status");

    CommandRun resumed = CommandRun.of("run", "--conf", conf.toString(), "--run-id",
        "killed");

    assertFalse(uptrainFinished, "the child finished uptraining before it was killed");
    assertEquals("running", statusAfterKill);
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.out().startsWith("Experiment killed: 4 runs ran, 3 skipped"),
        resumed.out());
    assertEquals(0, TinyExperiment.table(folder, "runs")
        .filter(col("run_id").startsWith("killed.")).filter("status <> 'succeeded'").count());
    assertEquals(20, TinyExperiment.table(folder, "training_steps")
        .filter(col("run_id").equalTo("killed." + UPTRAIN)).filter("kind = 'train'").count());
    assertEquals(metrics("straight.evaluate.kv1-mean-a0.5.pairs"),
        metrics("killed.evaluate.kv1-mean-a0.5.pairs"));
    for (String run : List.of(UPTRAIN, FINETUNE)) {
      Map<String, FloatTensor> expected = weights("straight." + run);
      Map<String, FloatTensor> actual = weights("killed." + run);
      for (String name : expected.keySet()) {
        assertArrayEquals(expected.get(name).data(), actual.get(name).data(), 0f,
            run + " " + name);
      }
    }
  }

  /** Starts {@code gqa run} in a child JVM with this JVM's flags and classpath. */
  private static Process startRun(Path conf, String runId, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!argument.startsWith("-Xmx") && !argument.startsWith("-javaagent")
          && !argument.startsWith("-agentlib")) {
        command.add(argument);
      }
    }
    command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"),
        "org.gqaspark.jobs.Main", "run", "--conf", conf.toString(), "--run-id", runId));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
  }

  /** Waits until the checkpoint counts as complete (its marker fully written and valid). */
  private static void waitFor(Path checkpoint, long step, Process child, Path log)
      throws Exception {
    // Generous: a loaded machine takes minutes to start Spark and reach uptraining.
    long deadline = System.nanoTime() + 600_000_000_000L;
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

  /** Returns the metric rows of an evaluate run: name, value and count, by name. */
  private static List<Row> metrics(String runId) {
    return TinyExperiment.table(folder, "metrics").filter(col("run_id").equalTo(runId))
        .select("metric", "value", "count").orderBy("metric").collectAsList();
  }

  private static Map<String, FloatTensor> weights(String runId) throws IOException {
    Path run = TinyExperiment.runFolder(folder, runId);
    long last = RunCheckpoints.newestComplete(TestTensors.localFs(), TestTensors.path(run),
        false).orElseThrow().step();
    return ModelCheckpoint.load(TestTensors.localFs(),
        TestTensors.path(run.resolve("checkpoint-" + last))).tensors();
  }
}
