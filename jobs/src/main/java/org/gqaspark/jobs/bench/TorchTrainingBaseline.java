package org.gqaspark.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code scripts/reference/torch_train_bench.py} in a subprocess for the PyTorch
 * baseline of one shape, on the same threads, and reads its JSON line. The subprocess gets
 * OPENBLAS_NUM_THREADS and, with more than one thread, OMP_WAIT_POLICY=PASSIVE (the script
 * also limits OpenBLAS through ctypes), so that PyTorch uses the threads it is granted.
 */
final class TorchTrainingBaseline {

  private static final Logger LOG = LoggerFactory.getLogger(TorchTrainingBaseline.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_MINUTES = 60;

  /** The {@code --python} value that tries {@link #CANDIDATES} in order. */
  static final String AUTO = "auto";
  /** Interpreters tried by {@link #AUTO}; Debian installs python3-torch for /usr/bin/python3. */
  static final List<String> CANDIDATES = List.of("python3", "/usr/bin/python3");

  /** The baseline's measurement, or why there is none. */
  record Result(double targetTokensPerSecond, double cpuSecondsPerStep, String framework,
      String blas, String skipped) {

    static Result skipped(String reason) {
      return new Result(Double.NaN, Double.NaN, "", "", reason);
    }

    boolean available() {
      return skipped == null;
    }
  }

  private TorchTrainingBaseline() {}

  /**
   * Replaces {@link #AUTO} by the first candidate interpreter that imports torch, or by the
   * first candidate when none does (so that the reason names it).
   */
  static TrainBenchOptions resolvePython(TrainBenchOptions options) {
    if (!AUTO.equals(options.python())) {
      return options;
    }
    String chosen = CANDIDATES.stream().filter(python -> importFailure(python) == null)
        .findFirst().orElse(CANDIDATES.get(0));
    return new TrainBenchOptions(options.shapes(), options.keyValueHeads(), options.threads(),
        options.steps(), options.warmupSteps(), chosen, options.baselineScript());
  }

  /** Returns why the baseline cannot run, or null when it can. */
  static String unavailableReason(TrainBenchOptions options) {
    if (options.python() == null) {
      return "baseline disabled (--python none)";
    }
    if (!Files.isReadable(options.baselineScript())) {
      return "baseline script " + options.baselineScript() + " not found; run from the"
          + " repository root or pass --baseline-script";
    }
    return importFailure(options.python());
  }

  /** Returns why {@code python} cannot import torch, or null when it can. */
  private static String importFailure(String python) {
    try {
      Process probe = new ProcessBuilder(python, "-c", "import torch")
          .redirectErrorStream(true).start();
      String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!probe.waitFor(2, TimeUnit.MINUTES) || probe.exitValue() != 0) {
        String[] lines = output.strip().split("\n");
        return python + " cannot import torch (install python3-torch): "
            + lines[lines.length - 1];
      }
      return null;
    } catch (IOException e) {
      return "could not start " + python + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while probing " + python;
    }
  }

  static Result measure(TrainBenchOptions options, TrainBenchShape shape, int keyValueHeads) {
    List<String> command = new ArrayList<>(List.of(options.python(),
        options.baselineScript().toString(), "--shape", shape.name(), "--kv-heads",
        Integer.toString(keyValueHeads), "--threads", Integer.toString(options.threads()),
        "--steps", Integer.toString(options.steps()), "--warmup",
        Integer.toString(options.warmupSteps())));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(options.threads()));
    builder.environment().put("OMP_NUM_THREADS", Integer.toString(options.threads()));
    if (options.threads() > 1) {
      builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
    }
    LOG.info("PyTorch baseline: {}", String.join(" ", command));
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return Result.skipped("PyTorch baseline timed out after " + TIMEOUT_MINUTES + " min");
      }
      if (process.exitValue() != 0) {
        LOG.warn("PyTorch baseline failed with exit code {}: {}", process.exitValue(), output);
        return Result.skipped("PyTorch baseline failed with exit code " + process.exitValue());
      }
      String[] lines = output.strip().split("\n");
      JsonNode record = JSON.readTree(lines[lines.length - 1]);
      return new Result(record.get("target_tokens_per_second").asDouble(),
          record.get("cpu_seconds").asDouble() / record.get("steps").asDouble(),
          record.get("framework").asText(), record.get("blas").asText(), null);
    } catch (IOException e) {
      LOG.warn("PyTorch baseline could not run: {}", e.toString());
      return Result.skipped("PyTorch baseline could not run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.skipped("interrupted");
    }
  }
}
