package org.gqaspark.evaluation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import org.gqaspark.metrics.BleuTokenizer;
import org.gqaspark.metrics.Bootstrap;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.TableLocations;

/**
 * Reads {@link EvaluateSettings} from HOCON: the {@code evaluate} block of a job file, with the
 * tables root from {@code tables.root}. {@code conf/evaluate.conf} shows every key.
 */
public final class EvaluateConfig {

  private static final String JOB = "evaluate";

  private EvaluateConfig() {}

  /**
   * Reads the settings from a resolved job file.
   *
   * @param runId the run id from the command line, or null to take {@code evaluate.run-id}
   * @throws EvaluationErrors.InvalidSettingException naming the key of a missing or bad value
   */
  public static EvaluateSettings read(Config root, String runId) {
    try {
      Config evaluate = root.getConfig("evaluate");
      String id = runId != null ? runId : optionalString(evaluate, "run-id");
      if (id == null) {
        throw EvaluationErrors.invalidSetting("evaluate.run-id", null,
            "set (or given with --run-id) to key the rows this run writes");
      }
      List<EvalSet> sets = new ArrayList<>();
      for (Config block : evaluate.getConfigList("eval-sets")) {
        sets.add(new EvalSet(block.getString("dataset"), block.getString("split"),
            TaskKind.parse(block.getString("task")),
            block.hasPath("max-examples") ? block.getInt("max-examples") : 0));
      }
      return new EvaluateSettings(new RunId(id), new TableLocations(root.getString("tables.root")),
          evaluate.getString("checkpoint"), optionalString(evaluate, "parent-run-id"),
          new RunId(evaluate.getString("examples-run-id")), evaluate.getString("tokenizer"),
          sets, decoding(evaluate), scoring(evaluate));
    } catch (ConfigException e) {
      throw EvaluationErrors.fromConfig(JOB, e);
    }
  }

  private static DecodingSettings decoding(Config evaluate) {
    Config decoding = evaluate.hasPath("decoding") ? evaluate.getConfig("decoding")
        : com.typesafe.config.ConfigFactory.empty();
    return new DecodingSettings(
        intOr(decoding, "num-beams", 1),
        intOr(decoding, "batch-size", 8),
        intOr(decoding, "max-new-tokens", 128),
        decoding.hasPath("length-penalty") ? decoding.getDouble("length-penalty") : 1.0,
        intOr(decoding, "partitions", 0),
        intOr(decoding, "threads", 0));
  }

  private static ScoringSettings scoring(Config evaluate) {
    Config scoring = evaluate.hasPath("scoring") ? evaluate.getConfig("scoring")
        : com.typesafe.config.ConfigFactory.empty();
    Bootstrap bootstrap = null;
    int samples = scoring.hasPath("bootstrap.samples") ? scoring.getInt("bootstrap.samples")
        : 1000;
    if (samples > 0) {
      bootstrap = new Bootstrap(samples,
          scoring.hasPath("bootstrap.seed") ? scoring.getLong("bootstrap.seed") : 12345,
          scoring.hasPath("bootstrap.confidence") ? scoring.getDouble("bootstrap.confidence")
              : 0.95);
    }
    String tokenizer = scoring.hasPath("bleu-tokenizer") ? scoring.getString("bleu-tokenizer")
        : "13a";
    return new ScoringSettings(bootstrap,
        !scoring.hasPath("rouge-stemmer") || scoring.getBoolean("rouge-stemmer"),
        BleuTokenizer.fromName(tokenizer));
  }

  static String optionalString(Config config, String key) {
    return config.hasPath(key) ? config.getString(key) : null;
  }

  static int intOr(Config config, String key, int fallback) {
    return config.hasPath(key) ? config.getInt(key) : fallback;
  }
}
