package org.gqaspark.jobs.bench;

import java.nio.file.Path;
import java.util.List;
import org.gqaspark.evaluation.BenchmarkShape;
import org.gqaspark.evaluation.DecodeBenchmark;

/**
 * Validated options of {@code gqa bench decode}.
 *
 * @param shape model shape of the random-weight models; unused with checkpoints
 * @param keyValueHeads key/value head counts of the random-weight models (each must divide
 *     the heads); empty with checkpoints
 * @param checkpoints checkpoint directories (local or s3a) to measure instead of the shape
 * @param sourceLengths source lengths T_enc to measure
 * @param batchSizes batch sizes B to measure
 * @param steps generated tokens per sequence, exactly (the end-of-sequence token is ignored)
 * @param repetitions timed generations per cell; medians are reported
 * @param warmup untimed generations per model before its cells, at the smallest cell
 * @param threads threads of the compute backend
 * @param seed seed of the random weights and source ids
 * @param jsonOutput file that receives the JSON lines too, or null
 */
record DecodeBenchOptions(BenchmarkShape shape, List<Integer> keyValueHeads,
    List<String> checkpoints, List<Integer> sourceLengths, List<Integer> batchSizes, int steps,
    int repetitions, int warmup, int threads, long seed, Path jsonOutput) {

  DecodeBenchOptions {
    if (checkpoints.isEmpty() && keyValueHeads.isEmpty()) {
      throw BenchErrors.invalidOption("--kv-heads", keyValueHeads,
          "at least one head count when no --checkpoints are given");
    }
    if (!checkpoints.isEmpty() && !keyValueHeads.isEmpty()) {
      throw BenchErrors.invalidOption("--kv-heads", keyValueHeads,
          "absent with --checkpoints, whose config.json sets the key/value heads");
    }
    for (int heads : keyValueHeads) {
      if (heads < 1 || shape.heads() % heads != 0) {
        throw BenchErrors.invalidOption("--kv-heads", heads,
            "a divisor of the " + shape.heads() + " query heads");
      }
    }
    requirePositive("--source-lengths", sourceLengths);
    requirePositive("--batch-sizes", batchSizes);
    if (steps < 1) {
      throw BenchErrors.invalidOption("--steps", steps, "at least 1");
    }
    if (repetitions < 1) {
      throw BenchErrors.invalidOption("--repetitions", repetitions, "at least 1");
    }
    if (warmup < 0) {
      throw BenchErrors.invalidOption("--warmup", warmup, "at least 0");
    }
    if (threads < 1) {
      throw BenchErrors.invalidOption("--threads", threads, "at least 1");
    }
    keyValueHeads = List.copyOf(keyValueHeads);
    checkpoints = List.copyOf(checkpoints);
    sourceLengths = List.copyOf(sourceLengths);
    batchSizes = List.copyOf(batchSizes);
  }

  /** Returns the cells and repetitions to measure. */
  DecodeBenchmark.Grid grid() {
    return new DecodeBenchmark.Grid(sourceLengths, batchSizes, steps, repetitions, warmup, seed);
  }

  private static void requirePositive(String option, List<Integer> values) {
    if (values.isEmpty()) {
      throw BenchErrors.invalidOption(option, values, "at least one value");
    }
    for (int value : values) {
      if (value < 1) {
        throw BenchErrors.invalidOption(option, value, "at least 1");
      }
    }
  }
}
