package org.gqaspark.jobs.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gqaspark.tensor.MachineInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gqa bench train}: training throughput in target tokens per second (forward,
 * backward, clipping and an AdamW step per batch) of the Java engine, against PyTorch eager
 * on the same shapes and threads run in a subprocess in the same invocation. Prints a table
 * with the ratio Java / PyTorch, then one JSON line with the machine record.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Measures training tokens/s of the Java engine and of PyTorch on the tiny"
        + " and t5-small shapes; prints a table and one JSON line.")
public final class TrainBenchCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(TrainBenchCommand.class);

  @Option(names = "--shapes", split = ",", defaultValue = "tiny,t5-small",
      description = "Shapes to measure: tiny (d_model 256, 4+4 layers, vocab 16000, batch 16,"
          + " length 64), t5-small (d_model 512, 6+6 layers, vocab 32128, batch 8, length 128)"
          + " (default: ${DEFAULT-VALUE}).")
  private List<String> shapes;

  @Option(names = "--kv-heads", split = ",", defaultValue = "8,2",
      description = "Key/value heads of decoder self- and cross-attention; 8 is multi-head"
          + " (default: ${DEFAULT-VALUE}).")
  private List<Integer> keyValueHeads;

  @Option(names = "--threads",
      description = "Threads of the Java engine and of PyTorch (default: all available"
          + " processors).")
  private Integer threads;

  @Option(names = "--steps", defaultValue = "3",
      description = "Timed training steps per measurement (default: ${DEFAULT-VALUE}).")
  private int steps;

  @Option(names = "--warmup-steps", defaultValue = "1",
      description = "Untimed steps before timing (default: ${DEFAULT-VALUE}).")
  private int warmupSteps;

  @Option(names = "--python", defaultValue = TorchTrainingBaseline.AUTO,
      description = "Python with PyTorch for the baseline: a command, \"auto\" (the first of"
          + " python3 and /usr/bin/python3, Debian's, that imports torch), or \"none\" to skip"
          + " the baseline (default: ${DEFAULT-VALUE}).")
  private String python;

  @Option(names = "--baseline-script", defaultValue = "scripts/reference/torch_train_bench.py",
      description = "The PyTorch baseline script (default: ${DEFAULT-VALUE}, relative to the"
          + " working directory).")
  private Path baselineScript;

  /** One row of the table. */
  record Row(TrainBenchShape shape, int keyValueHeads, JavaTrainingRun.Result java,
      TorchTrainingBaseline.Result torch) {

    double ratio() {
      return torch.available() ? java.targetTokensPerSecond() / torch.targetTokensPerSecond()
          : Double.NaN;
    }
  }

  @Override
  public Integer call() throws JsonProcessingException {
    TrainBenchOptions requested = new TrainBenchOptions(
        shapes.stream().map(TrainBenchShape::byName).toList(), keyValueHeads,
        threads == null ? Runtime.getRuntime().availableProcessors() : threads, steps,
        warmupSteps, python.equals("none") ? null : python, baselineScript);
    TrainBenchOptions options = TorchTrainingBaseline.resolvePython(requested);
    LOG.info("train benchmark: {}", options);
    MachineInfo machine = MachineInfo.collect(0);
    LOG.info("Machine: {}", machine);
    String baselineUnavailable = TorchTrainingBaseline.unavailableReason(options);
    if (baselineUnavailable != null) {
      LOG.warn("No PyTorch baseline: {}", baselineUnavailable);
    }

    List<Row> rows = new ArrayList<>();
    for (TrainBenchShape shape : options.shapes()) {
      for (int heads : options.keyValueHeads()) {
        JavaTrainingRun.Result java = JavaTrainingRun.measure(shape, heads, options.threads(),
            options.steps(), options.warmupSteps());
        TorchTrainingBaseline.Result torch = baselineUnavailable == null
            ? TorchTrainingBaseline.measure(options, shape, heads)
            : TorchTrainingBaseline.Result.skipped(baselineUnavailable);
        Row row = new Row(shape, heads, java, torch);
        LOG.info("{} kv={}: Java {} tokens/s, PyTorch {} tokens/s", shape.name(), heads,
            format(java.targetTokensPerSecond()), format(torch.targetTokensPerSecond()));
        rows.add(row);
      }
    }
    printTable(options, machine, rows);
    System.out.println(toJson(options, machine, rows));
    return 0;
  }

  /** Formats a value, or "-" for NaN (no baseline). */
  private static String orDash(String pattern, double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, pattern, value);
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static void printTable(TrainBenchOptions options, MachineInfo machine,
      List<Row> rows) {
    System.out.printf(Locale.ROOT, "Training throughput on %s, %d logical cores, %d threads,"
        + " BLAS %s; %d timed steps after %d warm-up steps%n", machine.cpuModel(),
        machine.logicalCores(), options.threads(), machine.blasLibrary(), options.steps(),
        options.warmupSteps());
    if (!rows.isEmpty()) {
      System.out.println("Java backend: " + rows.get(0).java().backend());
      System.out.println("PyTorch: " + (rows.get(0).torch().available()
          ? rows.get(0).torch().framework() + ", BLAS " + rows.get(0).torch().blas()
          : rows.get(0).torch().skipped()));
    }
    System.out.println("Per step: fwd+bwd, optim and other are the Java engine's wall-clock"
        + " phases; cpu is the CPU time of all threads of each process.");
    System.out.printf(Locale.ROOT, "%-9s %8s %12s %12s %7s %9s %9s %9s %9s %9s%n", "shape",
        "kv_heads", "java_tok/s", "torch_tok/s", "ratio", "fwd+bwd_s", "optim_s", "other_s",
        "java_cpu", "torch_cpu");
    for (Row row : rows) {
      JavaTrainingRun.Result java = row.java();
      System.out.printf(Locale.ROOT,
          "%-9s %8d %12.1f %12s %7s %9.3f %9.3f %9.3f %9.3f %9s%n",
          row.shape().name(), row.keyValueHeads(), java.targetTokensPerSecond(),
          orDash("%.1f", row.torch().targetTokensPerSecond()), orDash("%.2fx", row.ratio()),
          java.forwardBackwardSeconds() / java.steps(), java.optimizerSeconds() / java.steps(),
          java.otherSeconds() / java.steps(), java.cpuSeconds() / java.steps(),
          orDash("%.3f", row.torch().cpuSecondsPerStep()));
    }
  }

  private static String toJson(TrainBenchOptions options, MachineInfo machine, List<Row> rows)
      throws JsonProcessingException {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("benchmark", "train");
    record.put("machine", machine.toMap());
    record.put("threads", options.threads());
    record.put("steps", options.steps());
    record.put("warmup_steps", options.warmupSteps());
    List<Map<String, Object>> results = new ArrayList<>();
    for (Row row : rows) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("shape", row.shape().name());
      result.put("kv_heads", row.keyValueHeads());
      result.put("java_backend", row.java().backend());
      result.put("java_target_tokens_per_second", row.java().targetTokensPerSecond());
      result.put("java_forward_backward_seconds_per_step",
          row.java().forwardBackwardSeconds() / row.java().steps());
      result.put("java_optimizer_seconds_per_step",
          row.java().optimizerSeconds() / row.java().steps());
      result.put("java_cpu_seconds_per_step", row.java().cpuSeconds() / row.java().steps());
      result.put("java_last_loss", row.java().lastLoss());
      result.put("torch_target_tokens_per_second", row.torch().available()
          ? row.torch().targetTokensPerSecond() : null);
      result.put("torch_cpu_seconds_per_step", row.torch().available()
          ? row.torch().cpuSecondsPerStep() : null);
      result.put("torch_framework", row.torch().framework());
      result.put("torch_skipped", row.torch().skipped());
      result.put("ratio_java_to_torch", row.torch().available() ? row.ratio() : null);
      results.add(result);
    }
    record.put("results", results);
    return new ObjectMapper().writeValueAsString(record);
  }
}
