package org.gqaspark.evaluation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.List;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.TableLocations;

/**
 * Reads {@link DecodeBenchmarkSettings} from HOCON: the {@code decode-benchmark} block of a job
 * file, with the tables root from {@code tables.root}. {@code conf/decode-benchmark.conf} shows
 * every key.
 */
public final class DecodeBenchmarkConfig {

  private static final String BLOCK = "decode-benchmark";

  private DecodeBenchmarkConfig() {}

  /**
   * Reads the settings from a resolved job file.
   *
   * @param runId the run id from the command line, or null to take {@code
   *     decode-benchmark.run-id}
   * @throws EvaluationErrors.InvalidSettingException naming the key of a missing or bad value
   */
  public static DecodeBenchmarkSettings read(Config root, String runId) {
    try {
      Config bench = root.getConfig(BLOCK);
      String id = runId != null ? runId : EvaluateConfig.optionalString(bench, "run-id");
      if (id == null) {
        throw EvaluationErrors.invalidSetting(BLOCK + ".run-id", null,
            "set (or given with --run-id) to key the rows this run writes");
      }
      List<String> checkpoints = bench.hasPath("checkpoints")
          ? bench.getStringList("checkpoints") : List.of();
      List<Integer> heads = bench.hasPath("kv-heads") ? bench.getIntList("kv-heads")
          : List.of();
      DecodeBenchmark.Grid grid = new DecodeBenchmark.Grid(
          bench.getIntList("source-lengths"), bench.getIntList("batch-sizes"),
          bench.getInt("steps"), EvaluateConfig.intOr(bench, "repetitions", 2),
          EvaluateConfig.intOr(bench, "warmup", 1),
          bench.hasPath("seed") ? bench.getLong("seed") : 0);
      int threads = EvaluateConfig.intOr(bench, "threads", 0);
      return new DecodeBenchmarkSettings(new RunId(id),
          new TableLocations(root.getString("tables.root")),
          EvaluateConfig.optionalString(bench, "parent-run-id"),
          checkpoints.isEmpty() && bench.hasPath("shape") ? shape(bench.getConfig("shape"))
              : null,
          heads, checkpoints, grid,
          threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
    } catch (ConfigException e) {
      throw EvaluationErrors.fromConfig(BLOCK, e);
    }
  }

  private static BenchmarkShape shape(Config shape) {
    return new BenchmarkShape(shape.getInt("d-model"), shape.getInt("d-ff"),
        shape.getInt("heads"), shape.getInt("d-kv"), shape.getInt("layers"),
        shape.getInt("decoder-layers"), shape.getInt("vocab-size"),
        FeedForwardKind.fromJsonName(shape.hasPath("feed-forward")
            ? shape.getString("feed-forward") : "relu"));
  }
}
