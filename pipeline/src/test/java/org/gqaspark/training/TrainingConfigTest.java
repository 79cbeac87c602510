package org.gqaspark.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.gqaspark.testing.RepoPaths;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

  private static Config shipped(String name) {
    return ConfigFactory.parseFile(RepoPaths.root().resolve("conf").resolve(name).toFile())
        .resolve();
  }

  @Test
  void pretrainConfParsed() {
    TrainingJobConfig job = TrainingConfig.read(shipped("pretrain.conf"), "pretrain", "p-1");

    assertEquals("p-1", job.runId().value());
    assertEquals(2000L, job.steps());
    assertEquals(256, job.model().dModel());
    assertEquals(true, job.vocabSizeFromVocabulary());
    assertEquals(List.of("scitldr-text/train", "tatoeba-text/test"), job.train().stream()
        .map(source -> source.dataset() + "/" + source.split()).toList());
    assertEquals(SourceSpec.SPAN_CORRUPTION, job.train().get(0).objective());
    assertEquals("inverse-sqrt", job.optimizer().schedule());
  }

  @Test
  void uptrainConfSizedByAlpha() {
    TrainingJobConfig job = TrainingConfig.read(shipped("uptrain.conf"), "uptrain", "u-1");

    assertNull(job.steps());
    assertEquals(0.05, job.alpha());
    assertEquals("mean", job.conversionMethod());
    assertNull(job.model());
  }

  @Test
  void finetuneConfSupervised() {
    TrainingJobConfig job = TrainingConfig.read(shipped("finetune.conf"), "finetune", "f-1");

    assertEquals(SourceSpec.SUPERVISED, job.train().get(0).objective());
    assertEquals("adafactor", job.optimizer().name());
    assertEquals(128, job.maxTargetLength());
  }

  @Test
  void experimentConfsParsed() {
    TrainingJobConfig pretrain = TrainingConfig.read(shipped("experiment-pretrain-small.conf"),
        "pretrain", "p-2");
    TrainingJobConfig uptrain = TrainingConfig.read(shipped("experiment-uptrain-small.conf"),
        "uptrain", "u-2");

    assertEquals(3000L, pretrain.steps());
    assertEquals(128, pretrain.model().dModel());
    assertEquals(3e-4, uptrain.optimizer().learningRate());
  }

  @Test
  void missingRunIdRejected() {
    Config config = ConfigFactory.parseString("train { output-dir = runs }");

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> TrainingConfig.read(config, "pretrain", null));

    assertEquals("Invalid training setting train.run-id: must be set (or pass --run-id) to key"
        + " this run's checkpoints and rows but got absent.", error.getMessage());
  }
}
