package org.gqaspark.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.gqaspark.jobs.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Runs {@code gqa bench train} for one step of the tiny shape; timings are not checked. */
class TrainBenchCommandTest {

  /** The baseline script, seen from the jobs module, where the tests run. */
  private static final String SCRIPT = "../scripts/reference/torch_train_bench.py";

  @Test
  void recordWithoutBaseline() throws Exception {
    JsonNode record = lastJsonLine(runMain("bench", "train", "--shapes", "tiny", "--kv-heads",
        "2", "--threads", "2", "--steps", "1", "--warmup-steps", "0", "--python", "none"));

    assertEquals("train", record.get("benchmark").asText());
    JsonNode result = record.get("results").get(0);
    assertEquals("tiny", result.get("shape").asText());
    assertEquals(2, result.get("kv_heads").asInt());
    assertTrue(result.get("java_target_tokens_per_second").asDouble() > 0, "Java tokens/s");
    assertTrue(result.get("java_last_loss").asDouble() > 9, "loss near ln(16000) = 9.7");
    assertEquals("baseline disabled (--python none)", result.get("torch_skipped").asText());
  }

  @Test
  void baselineRunsPyTorch() throws Exception {
    TrainBenchOptions probe = TorchTrainingBaseline.resolvePython(new TrainBenchOptions(
        List.of(TrainBenchShape.TINY), List.of(8), 2, 1, 0, TorchTrainingBaseline.AUTO,
        Path.of(SCRIPT)));
    String reason = TorchTrainingBaseline.unavailableReason(probe);
    Assumptions.assumeTrue(reason == null, "PyTorch baseline unavailable: " + reason);

    JsonNode record = lastJsonLine(runMain("bench", "train", "--shapes", "tiny", "--kv-heads",
        "8", "--threads", "2", "--steps", "1", "--warmup-steps", "0", "--baseline-script",
        SCRIPT));

    JsonNode result = record.get("results").get(0);
    assertTrue(result.get("torch_target_tokens_per_second").asDouble() > 0, "PyTorch tokens/s");
    assertTrue(result.get("ratio_java_to_torch").asDouble() > 0, "ratio");
    assertTrue(result.get("torch_framework").asText().startsWith("pytorch "),
        result.get("torch_framework").asText());
  }

  @Test
  void headsNotDividingRejected() {
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setErr(new PrintWriter(errors, true, StandardCharsets.UTF_8));
    int status = commandLine.execute("bench", "train", "--kv-heads", "3", "--python", "none");
    assertEquals(1, status, "exit status");
    assertTrue(errors.toString(StandardCharsets.UTF_8).contains(
        "Invalid option --kv-heads: must be a divisor of the 8 query heads but got 3."),
        errors.toString(StandardCharsets.UTF_8));
  }

  private static JsonNode lastJsonLine(String output) throws Exception {
    String[] lines = output.strip().split("\n");
    return new ObjectMapper().readTree(lines[lines.length - 1]);
  }

  private static String runMain(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int status = new CommandLine(new Main()).execute(args);
      assertEquals(0, status, "exit status");
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
