package org.gqaspark.jobs.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Validated options of {@code gqa bench train}.
 *
 * @param shapes model shapes to measure
 * @param keyValueHeads key/value head counts to measure per shape (each must divide 8)
 * @param threads threads granted to the Java engine and to PyTorch
 * @param steps timed training steps per measurement
 * @param warmupSteps untimed steps before timing
 * @param python interpreter for the PyTorch baseline, or null to skip the baseline
 * @param baselineScript the PyTorch baseline script
 */
record TrainBenchOptions(List<TrainBenchShape> shapes, List<Integer> keyValueHeads, int threads,
    int steps, int warmupSteps, String python, Path baselineScript) {

  TrainBenchOptions {
    if (shapes.isEmpty()) {
      throw BenchErrors.invalidOption("--shapes", shapes, "at least one of tiny, t5-small");
    }
    for (int heads : keyValueHeads) {
      for (TrainBenchShape shape : shapes) {
        if (heads < 1 || shape.heads() % heads != 0) {
          throw BenchErrors.invalidOption("--kv-heads", heads,
              "a divisor of the " + shape.heads() + " query heads");
        }
      }
    }
    if (threads < 1) {
      throw BenchErrors.invalidOption("--threads", threads, "at least 1");
    }
    if (steps < 1) {
      throw BenchErrors.invalidOption("--steps", steps, "at least 1");
    }
    if (warmupSteps < 0) {
      throw BenchErrors.invalidOption("--warmup-steps", warmupSteps, "at least 0");
    }
    shapes = List.copyOf(shapes);
    keyValueHeads = List.copyOf(keyValueHeads);
  }
}
