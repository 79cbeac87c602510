package org.gqaspark.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.gqaspark.evaluation.DecodeBenchmarkConfig;
import org.gqaspark.evaluation.DecodeBenchmarkSettings;
import org.gqaspark.evaluation.EvaluateConfig;
import org.gqaspark.evaluation.EvaluateSettings;
import org.gqaspark.tables.RunId;
import org.gqaspark.testing.RepoPaths;
import org.gqaspark.training.TrainingConfig;
import org.gqaspark.training.TrainingJobConfig;
import org.junit.jupiter.api.Test;

/** The shipped experiment files parse, and their plans have the expected runs. */
class ExperimentConfigTest {

  private static Config shipped(String name) {
    return ConfigFactory.parseFile(RepoPaths.root().resolve("conf").resolve(name).toFile())
        .resolve();
  }

  @Test
  void localPlanRunIds() {
    ExperimentSettings settings = ExperimentConfig.read(shipped("local.conf"), null);

    ExperimentPlan plan = ExperimentPlan.build(settings, 4, null);

    assertEquals(List.of("demo.vocab", "demo.tokenize", "demo.pretrain",
        "demo.convert.kv2-mean", "demo.convert.kv1-mean", "demo.uptrain.mha-a0.05",
        "demo.uptrain.kv2-mean-a0.05", "demo.uptrain.kv1-mean-a0.05",
        "demo.finetune.mha-a0.05.scitldr", "demo.finetune.mha-a0.05.tatoeba",
        "demo.finetune.kv2-mean-a0.05.scitldr", "demo.finetune.kv2-mean-a0.05.tatoeba",
        "demo.finetune.kv1-mean-a0.05.scitldr", "demo.finetune.kv1-mean-a0.05.tatoeba"),
        plan.steps().stream().map(step -> step.runId().value()).toList());
    assertEquals(List.of(List.of(), List.of("demo.vocab"), List.of("demo.tokenize"),
        List.of("demo.pretrain"), List.of("demo.pretrain"),
        List.of("demo.pretrain", "demo.tokenize"),
        List.of("demo.convert.kv2-mean", "demo.tokenize")),
        plan.steps().subList(0, 7).stream()
            .map(step -> step.dependencies().stream().map(RunId::value).toList()).toList());
  }

  @Test
  void localTrainingJobsParse() {
    ExperimentSettings settings = ExperimentConfig.read(shipped("local.conf"), null);
    ExperimentPlan plan = ExperimentPlan.build(settings, 4, null);

    PlannedStep uptrain = plan.step(new RunId("demo.uptrain.kv1-mean-a0.05"));
    PlannedStep finetune = plan.step(new RunId("demo.finetune.kv1-mean-a0.05.tatoeba"));
    TrainingJobConfig pretrainJob = job(plan.step(new RunId("demo.pretrain")), "pretrain");
    TrainingJobConfig uptrainJob = job(uptrain, "uptrain");
    TrainingJobConfig finetuneJob = job(finetune, "finetune");

    assertEquals(800L, pretrainJob.steps());
    assertEquals("work/runs/demo.vocab/spiece.model", pretrainJob.vocabulary());
    assertEquals("demo.tokenize", pretrainJob.tokenizeRunId());
    assertEquals("work/runs", pretrainJob.outputDir());
    assertEquals(40L, uptrain.trainingSteps());
    assertNull(uptrainJob.steps());
    assertEquals(0.05, uptrainJob.alpha());
    assertEquals("mean", uptrainJob.conversionMethod());
    assertEquals("demo.convert.kv1-mean", uptrainJob.parentRunId());
    assertEquals("checkpoint", uptrainJob.initCheckpoint());
    assertEquals(5e-4, uptrainJob.optimizer().learningRate());
    assertEquals(100L, finetuneJob.steps());
    assertEquals("demo.uptrain.kv1-mean-a0.05", finetuneJob.parentRunId());
    assertEquals("tatoeba-en-de", finetuneJob.train().get(0).dataset());
    assertEquals("supervised", finetuneJob.train().get(0).objective());
  }

  @Test
  void localEvaluateJobsParse() {
    ExperimentSettings settings = ExperimentConfig.read(shipped("local.conf"), null);
    ExperimentPlan plan = ExperimentPlan.build(settings, 4, new EvaluationSteps());
    PlannedStep evaluate = plan.step(new RunId("demo.evaluate.kv2-mean-a0.05.tatoeba"));
    PlannedStep decode = plan.step(new RunId("demo.decode-benchmark.kv2-mean-a0.05"));

    EvaluateSettings evaluateJob = EvaluateConfig.read(((EvaluateStep) evaluate.action())
        .jobConfig(settings, "checkpoint", evaluate.parent()), evaluate.runId().value());
    DecodeBenchmarkSettings decodeJob = DecodeBenchmarkConfig.read(
        ((DecodeBenchmarkStep) decode.action()).jobConfig(settings, "checkpoint",
            decode.parent()), decode.runId().value());

    assertEquals(14 + 6 + 3, plan.steps().size());
    assertEquals(List.of("demo.finetune.kv2-mean-a0.05.tatoeba", "demo.tokenize"),
        evaluate.dependencies().stream().map(RunId::value).toList());
    assertEquals("checkpoint", evaluateJob.checkpoint());
    assertEquals("demo.finetune.kv2-mean-a0.05.tatoeba", evaluateJob.parentRunId());
    assertEquals("demo.tokenize", evaluateJob.examplesRunId().value());
    assertEquals("work/runs/demo.vocab/spiece.model", evaluateJob.tokenizer());
    assertEquals(1, evaluateJob.evalSets().size());
    assertEquals("tatoeba-en-de/test", evaluateJob.evalSets().get(0).label());
    assertEquals(200, evaluateJob.evalSets().get(0).maxExamples());
    assertEquals(48, evaluateJob.decoding().maxNewTokens());
    assertEquals(List.of("demo.uptrain.kv2-mean-a0.05"),
        decode.dependencies().stream().map(RunId::value).toList());
    assertEquals(List.of("checkpoint"), decodeJob.checkpoints());
  }

  @Test
  void paperSmallAndClusterParse() {
    ExperimentSettings paper = ExperimentConfig.read(shipped("paper-small.conf"), null);
    ExperimentSettings cluster = ExperimentConfig.read(shipped("cluster.conf"), "c-1");

    ExperimentPlan paperPlan = ExperimentPlan.build(paper, 8, null);

    assertEquals("pipeline/src/test/resources/t5/spiece.model", paper.vocabulary());
    assertEquals(List.of(8, 4, 2, 1), paper.keyValueHeads());
    assertEquals(8, paperPlan.variants().size());
    assertEquals("paper-small.tokenize", paperPlan.steps().get(0).runId().value());
    assertEquals("c-1", cluster.id());
    assertEquals("s3a://gqa-example/delta", cluster.tables().root());
    assertEquals("s3a://gqa-example/work", cluster.workDir());
  }

  @Test
  void keyValueHeadsMustDivideHeads() {
    ExperimentSettings settings = ExperimentConfig.read(shipped("local.conf"), null);

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> ExperimentPlan.build(settings, 6, null));

    assertEquals("Invalid experiment setting experiment.convert.key-value-heads: must be a"
        + " divisor of the model's 6 heads but got 4.", error.getMessage());
  }

  private static TrainingJobConfig job(PlannedStep step, String phase) {
    TrainingStep action = (TrainingStep) step.action();
    return TrainingConfig.read(action.jobConfig(
        ExperimentConfig.read(shipped("local.conf"), null), "checkpoint"), phase,
        step.runId().value());
  }
}
