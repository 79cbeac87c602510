package org.gqaspark.evaluation;

import java.util.List;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.TableLocations;

/**
 * Validated settings of one decode-benchmark run; {@code conf/decode-benchmark.conf}
 * documents each.
 *
 * @param runId the run, key of its decode_timings rows
 * @param tables where decode_timings and runs are written
 * @param parentRunId the run whose checkpoints are measured, or null
 * @param shape the model shape of random-weight models; null with checkpoints
 * @param keyValueHeads key/value heads of the random-weight models (each a divisor of the
 *     heads); empty with checkpoints
 * @param checkpoints checkpoint directories to measure instead of a shape
 * @param grid the cells and repetitions
 * @param threads compute threads
 */
public record DecodeBenchmarkSettings(RunId runId, TableLocations tables, String parentRunId,
    BenchmarkShape shape, List<Integer> keyValueHeads, List<String> checkpoints,
    DecodeBenchmark.Grid grid, int threads) {

  public DecodeBenchmarkSettings {
    keyValueHeads = List.copyOf(keyValueHeads);
    checkpoints = List.copyOf(checkpoints);
    if (checkpoints.isEmpty() && (shape == null || keyValueHeads.isEmpty())) {
      throw EvaluationErrors.invalidSetting("decode-benchmark.kv-heads", keyValueHeads,
          "at least one head count, with a shape block, when no checkpoints are given");
    }
    if (!checkpoints.isEmpty() && !keyValueHeads.isEmpty()) {
      throw EvaluationErrors.invalidSetting("decode-benchmark.kv-heads", keyValueHeads,
          "empty with checkpoints, whose config.json sets the key/value heads");
    }
    for (int heads : keyValueHeads) {
      if (heads < 1 || shape.heads() % heads != 0) {
        throw EvaluationErrors.invalidSetting("decode-benchmark.kv-heads", heads,
            "a divisor of the " + shape.heads() + " query heads");
      }
    }
    if (threads < 1) {
      throw EvaluationErrors.invalidSetting("decode-benchmark.threads", threads, "at least 1");
    }
  }
}
