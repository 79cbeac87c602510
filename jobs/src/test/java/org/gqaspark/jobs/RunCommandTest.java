package org.gqaspark.jobs;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gqa run} on the tiny experiment: lineage rows, reruns and phase dependencies. */
class RunCommandTest {

  @TempDir
  static Path folder;

  private static Path conf;
  private static CommandRun first;

  /** Runs the experiment once; the tests read its rows or run it again. */
  @BeforeAll
  static void runExperiment() throws Exception {
    SparkTestSession.get();
    conf = TinyExperiment.write(folder);
    first = CommandRun.of("run", "--conf", conf.toString(), "--run-id", "lineage");
  }

  @Test
  void rerunTrainsNothing() {
    List<Row> stepsBefore = trainingSteps("lineage.");
    List<Row> runsBefore = runs("lineage.");

    CommandRun second = CommandRun.of("run", "--conf", conf.toString(), "--run-id",
        "lineage");

    assertEquals(0, first.exitCode(), first.err());
    assertEquals(0, second.exitCode(), second.err());
    assertTrue(first.out().startsWith("Experiment lineage: 11 runs ran, 0 skipped"),
        first.out());
    assertTrue(second.out().startsWith("Experiment lineage: 0 runs ran, 11 skipped"),
        second.out());
    assertEquals(stepsBefore, trainingSteps("lineage."));
    assertEquals(runsBefore, runs("lineage."));
    assertEquals(40 + 20 + 20 + 4 + 4, stepsBefore.size());
  }

  @Test
  void runsRecordLineage() {
    Row uptrain = run("lineage.uptrain.kv1-mean-a0.5");
    Row baseline = run("lineage.uptrain.mha-a0.5");
    Row finetune = run("lineage.finetune.kv1-mean-a0.5.pairs");
    Row convert = run("lineage.convert.kv1-mean");
    Row evaluate = run("lineage.evaluate.kv1-mean-a0.5.pairs");
    Row decode = run("lineage.decode-benchmark.kv1-mean-a0.5");

    assertEquals(0, first.exitCode(), first.err());
    assertEquals("lineage.pretrain", convert.getAs("parent_run_id"));
    assertEquals(1, (Integer) convert.getAs("num_key_value_heads"));
    assertEquals("mean", convert.getAs("conversion_method"));
    assertEquals("lineage.convert.kv1-mean", uptrain.getAs("parent_run_id"));
    assertEquals(2, (Integer) uptrain.getAs("num_heads"));
    assertEquals(1, (Integer) uptrain.getAs("num_key_value_heads"));
    assertEquals("mean", uptrain.getAs("conversion_method"));
    assertEquals(0.5, (Double) uptrain.getAs("uptraining_fraction"), 0.0);
    assertEquals(20L, (Long) uptrain.getAs("steps"));
    assertEquals("lineage.pretrain", baseline.getAs("parent_run_id"));
    assertEquals(2, (Integer) baseline.getAs("num_key_value_heads"));
    assertNull(baseline.getAs("conversion_method"));
    assertEquals(20L, (Long) baseline.getAs("steps"));
    assertEquals("lineage.uptrain.kv1-mean-a0.5", finetune.getAs("parent_run_id"));
    assertEquals(0.5, (Double) finetune.getAs("uptraining_fraction"), 0.0);
    assertEquals("mean", finetune.getAs("conversion_method"));
    assertEquals("lineage.finetune.kv1-mean-a0.5.pairs", evaluate.getAs("parent_run_id"));
    assertEquals("lineage.uptrain.kv1-mean-a0.5", decode.getAs("parent_run_id"));
    assertEquals(2L, TinyExperiment.table(folder, "metrics")
        .filter(col("run_id").equalTo("lineage.evaluate.kv1-mean-a0.5.pairs"))
        .filter(col("metric").isin("bleu", "chrf")).count());
    assertEquals(1L, TinyExperiment.table(folder, "decode_timings")
        .filter(col("run_id").equalTo("lineage.decode-benchmark.kv1-mean-a0.5")).count());
    assertTrue(first.out().contains("\nkv1-mean-a0.5               1 mean       0.5 "),
        first.out());
    assertTrue(first.out().endsWith("Tables: " + folder.resolve("delta") + "\n"),
        first.out());
    assertEquals(11L, TinyExperiment.table(folder, "runs")
        .filter(col("run_id").startsWith("lineage.")).filter("status = 'succeeded'").count());
  }

  @Test
  void phaseWithoutDependencyFails() {
    CommandRun run = CommandRun.of("run", "--conf", conf.toString(), "--run-id", "alone",
        "--phase", "uptrain");

    assertEquals(1, run.exitCode());
    assertEquals("Error: Phase uptrain cannot run alone.uptrain.mha-a0.5: it needs run"
        + " alone.pretrain of phase pretrain, which has not run (no row in "
        + folder.resolve("delta/runs") + "). Run that phase first (gqa run --conf " + conf
        + " --phase pretrain), or run the whole experiment without --phase.",
        run.err().strip());
  }

  @Test
  void unknownPhaseRejected() {
    CommandRun run = CommandRun.of("run", "--conf", conf.toString(), "--phase", "upload");

    assertEquals(1, run.exitCode());
    assertEquals("Error: Unknown phase \"upload\": use one of vocab, tokenize, pretrain,"
        + " convert, uptrain, finetune, evaluate, decode-benchmark.", run.err().strip());
  }

  private static List<Row> trainingSteps(String prefix) {
    return TinyExperiment.table(folder, "training_steps")
        .filter(col("run_id").startsWith(prefix))
        .select("run_id", "kind", "step", "loss", "time").orderBy("run_id", "kind", "step")
        .collectAsList();
  }

  private static List<Row> runs(String prefix) {
    return TinyExperiment.table(folder, "runs").filter(col("run_id").startsWith(prefix))
        .select("run_id", "status", "start_time", "end_time", "output_path")
        .orderBy("run_id").collectAsList();
  }

  private static Row run(String runId) {
    return TinyExperiment.table(folder, "runs").filter(col("run_id").equalTo(runId)).first();
  }
}
