package org.gqaspark.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.gqaspark.metrics.BleuTokenizer;
import org.gqaspark.metrics.Bootstrap;
import org.gqaspark.testing.RepoPaths;
import org.junit.jupiter.api.Test;

class EvaluateConfigTest {

  private static Config shipped(String name) {
    return ConfigFactory.parseFile(RepoPaths.root().resolve("conf").resolve(name).toFile())
        .resolve();
  }

  @Test
  void evaluateConfParses() {
    EvaluateSettings settings = EvaluateConfig.read(shipped("evaluate.conf"), "e-1");

    assertEquals("e-1", settings.runId().value());
    assertEquals("tokenize-1", settings.examplesRunId().value());
    assertEquals(List.of(new EvalSet("scitldr", "test", TaskKind.SUMMARIZATION, 0),
        new EvalSet("tatoeba-en-de", "test", TaskKind.TRANSLATION, 2000)),
        settings.evalSets());
    assertEquals(new DecodingSettings(1, 8, 128, 1.0, 0, 0), settings.decoding());
    assertEquals(new ScoringSettings(new Bootstrap(1000, 12345, 0.95), true,
        BleuTokenizer.THIRTEEN_A), settings.scoring());
    assertNull(settings.parentRunId());
  }

  @Test
  void decodeBenchmarkConfParses() {
    DecodeBenchmarkSettings settings = DecodeBenchmarkConfig.read(
        shipped("decode-benchmark.conf"), "b-1");

    assertEquals(List.of(8, 4, 2, 1), settings.keyValueHeads());
    assertEquals(512, settings.shape().dModel());
    assertEquals(List.of(512, 2048), settings.grid().sourceLengths());
    assertEquals(List.of(1, 8), settings.grid().batchSizes());
    assertEquals(64, settings.grid().steps());
    assertTrue(settings.checkpoints().isEmpty());
    assertTrue(settings.threads() >= 1);
  }

  @Test
  void missingRunIdRejected() {
    Config config = shipped("evaluate.conf");

    Exception e = assertThrows(IllegalArgumentException.class,
        () -> EvaluateConfig.read(config, null));
    assertEquals("Invalid setting evaluate.run-id: must be set (or given with --run-id) to key"
        + " the rows this run writes but got null.", e.getMessage());
  }

  @Test
  void unknownTaskRejected() {
    Config config = shipped("evaluate.conf").withValue("evaluate.eval-sets",
        ConfigFactory.parseString("x = [{dataset = a, split = b, task = qa}]").getValue("x"));

    Exception e = assertThrows(IllegalArgumentException.class,
        () -> EvaluateConfig.read(config, "e-2"));
    assertEquals("Invalid setting task: must be summarization or translation but got \"qa\".",
        e.getMessage());
  }

  @Test
  void headsWithCheckpointsRejected() {
    Config config = shipped("decode-benchmark.conf").withValue("decode-benchmark.checkpoints",
        ConfigFactory.parseString("x = [\"runs/c\"]").getValue("x"));

    Exception e = assertThrows(IllegalArgumentException.class,
        () -> DecodeBenchmarkConfig.read(config, "b-2"));
    assertTrue(e.getMessage().startsWith("Invalid setting decode-benchmark.kv-heads: must be"
        + " empty with checkpoints"), e.getMessage());
  }
}
