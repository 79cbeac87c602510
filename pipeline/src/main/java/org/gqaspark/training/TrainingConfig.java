package org.gqaspark.training;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.gqaspark.model.AttentionKind;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.T5Config;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.tensor.GemmBackend;
import org.gqaspark.training.OptimizerSettings.AdafactorSettings;
import org.gqaspark.training.OptimizerSettings.AdamWSettings;

/**
 * Reads a {@link TrainingJobConfig} from the {@code train} block of a job's HOCON file, with
 * the tables root from {@code tables.root}. Keys and defaults are documented in
 * {@code conf/pretrain.conf}; the defaults here are the documented ones.
 */
public final class TrainingConfig {

  private TrainingConfig() {}

  /**
   * Reads the job.
   *
   * @param phase pretrain, uptrain or finetune
   * @param runId the run id from the command line, or null for {@code train.run-id}
   * @throws IllegalArgumentException naming the key, its file and line, and the requirement
   */
  public static TrainingJobConfig read(Config root, String phase, String runId) {
    try {
      Config train = root.getConfig("train");
      String id = runId != null ? runId : string(train, "run-id", null);
      if (id == null) {
        throw TrainingErrors.invalidSetting("train.run-id", "absent",
            "set (or pass --run-id) to key this run's checkpoints and rows");
      }
      Config batch = train.getConfig("batch");
      Config objective = optional(train, "objective");
      Config spans = optional(objective, "span-corruption");
      Config supervised = optional(objective, "supervised");
      Config checkpoint = optional(train, "checkpoint");
      Config validation = optional(train, "validation");
      Config data = train.getConfig("data");
      String defaultObjective = phase.equals(TrainingJobConfig.FINETUNE)
          ? SourceSpec.SUPERVISED : SourceSpec.SPAN_CORRUPTION;
      boolean vocabSizeFromVocabulary = train.hasPath("model")
          && !train.hasPath("model.vocab-size");

      return new TrainingJobConfig(phase, new RunId(id), train.getString("output-dir"),
          root.hasPath("tables.root") ? new TableLocations(root.getString("tables.root")) : null,
          train.hasPath("model") ? model(train.getConfig("model")) : null,
          vocabSizeFromVocabulary, string(train, "init-checkpoint", null),
          train.hasPath("dropout-rate") ? train.getDouble("dropout-rate") : null,
          train.hasPath("steps") ? train.getLong("steps") : null,
          train.hasPath("alpha") ? train.getDouble("alpha") : null,
          string(train, "parent-run-id", null), string(train, "conversion-method", null),
          longOr(train, "seed", 0), batch.getInt("global-size"),
          batch.hasPath("micro-size") ? batch.getInt("micro-size") : batch.getInt("global-size"),
          intOr(train, "partitions", 0), intOr(train, "window-steps", 500),
          intOr(train, "threads-per-task", 0), intOr(train, "driver-threads", 0),
          GemmBackend.parse(string(train, "gemm-backend", "auto")),
          intOr(train, "local-sgd.local-steps", 1), intOr(train, "aggregation-depth", 2),
          data.getString("tokenize-run-id"), string(data, "vocabulary", null),
          sources(data, "train", defaultObjective), sources(data, "validation",
              defaultObjective),
          doubleOr(spans, "noise-density", SpanCorruption.DEFAULT_NOISE_DENSITY),
          doubleOr(spans, "mean-noise-span-length",
              SpanCorruption.DEFAULT_MEAN_NOISE_SPAN_LENGTH),
          intOr(spans, "input-length", 512), intOr(supervised, "max-input-length", 512),
          intOr(supervised, "max-target-length", 512),
          optimizer(optional(train, "optimizer")), longOr(checkpoint, "every", 1000),
          intOr(checkpoint, "keep", 3), longOr(validation, "every", 1000),
          longOr(validation, "max-examples", 1000), intOr(validation, "batch-size", 32),
          longOr(validation, "seed", 0), longOr(train, "log-every", 10),
          longOr(train, "steps-table-flush-every", 100),
          intOr(train, "max-consecutive-nonfinite-steps", 5),
          new HashSet<>(train.hasPath("debug.nan-gradient-steps")
              ? train.getLongList("debug.nan-gradient-steps") : List.of()));
    } catch (ConfigException e) {
      throw TrainingErrors.fromConfig(e);
    }
  }

  private static T5Config model(Config model) {
    int heads = model.getInt("num-heads");
    int layers = model.getInt("num-layers");
    Set<AttentionKind> kinds = EnumSet.noneOf(AttentionKind.class);
    if (model.hasPath("gqa-attention-kinds")) {
      for (String kind : model.getStringList("gqa-attention-kinds")) {
        kinds.add(AttentionKind.fromJsonName(kind));
      }
    } else {
      kinds.addAll(T5Config.DEFAULT_GQA_ATTENTION_KINDS);
    }
    return new T5Config(intOr(model, "vocab-size", 32128), model.getInt("d-model"),
        model.getInt("d-kv"), model.getInt("d-ff"), layers,
        intOr(model, "num-decoder-layers", layers), heads,
        intOr(model, "num-key-value-heads", heads), kinds,
        intOr(model, "relative-attention-num-buckets", 32),
        intOr(model, "relative-attention-max-distance", 128),
        doubleOr(model, "dropout-rate", 0.1), doubleOr(model, "layer-norm-epsilon", 1e-6),
        FeedForwardKind.fromJsonName(string(model, "feed-forward-proj", "relu")),
        !model.hasPath("tie-word-embeddings") || model.getBoolean("tie-word-embeddings"),
        0, 1, 0, doubleOr(model, "initializer-factor", 1.0), Map.of());
  }

  private static List<SourceSpec> sources(Config data, String key, String defaultObjective) {
    List<SourceSpec> sources = new ArrayList<>();
    if (!data.hasPath(key)) {
      return sources;
    }
    for (Config block : data.getConfigList(key)) {
      List<ExampleSources.Field> fields = new ArrayList<>();
      for (String field : block.hasPath("fields") ? block.getStringList("fields")
          : List.of("input", "target")) {
        try {
          fields.add(ExampleSources.Field.valueOf(field.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw TrainingErrors.invalidSetting("fields at " + block.origin().description(),
              field, "input or target");
        }
      }
      sources.add(new SourceSpec(block.getString("dataset"), block.getString("split"),
          doubleOr(block, "rate", 1.0), string(block, "objective", defaultObjective), fields));
    }
    return sources;
  }

  private static OptimizerSettings optimizer(Config block) {
    Config adamW = optional(block, "adamw");
    Config adafactor = optional(block, "adafactor");
    AdamWSettings adamWSettings = new AdamWSettings(doubleOr(adamW, "beta1", 0.9),
        doubleOr(adamW, "beta2", 0.999), doubleOr(adamW, "epsilon", 1e-8),
        doubleOr(adamW, "weight-decay", 0.01));
    AdafactorSettings adafactorSettings = new AdafactorSettings(
        doubleOr(adafactor, "epsilon1", 1e-30), doubleOr(adafactor, "epsilon2", 1e-3),
        doubleOr(adafactor, "clip-threshold", 1.0), doubleOr(adafactor, "decay-rate", -0.8),
        adafactor.hasPath("beta1") ? adafactor.getDouble("beta1") : null,
        doubleOr(adafactor, "weight-decay", 0.0),
        booleanOr(adafactor, "scale-parameter", false),
        booleanOr(adafactor, "relative-step", false),
        booleanOr(adafactor, "warmup-init", false));
    return new OptimizerSettings(string(block, "name", OptimizerSettings.ADAMW),
        doubleOr(block, "learning-rate", 1e-3), string(block, "schedule", "constant"),
        longOr(block, "warmup-steps", 0), doubleOr(block, "max-grad-norm", 1.0),
        adamWSettings, adafactorSettings);
  }

  private static Config optional(Config config, String path) {
    return config.hasPath(path) ? config.getConfig(path)
        : com.typesafe.config.ConfigFactory.empty();
  }

  private static String string(Config config, String path, String fallback) {
    return config.hasPath(path) ? config.getString(path) : fallback;
  }

  private static int intOr(Config config, String path, int fallback) {
    return config.hasPath(path) ? config.getInt(path) : fallback;
  }

  private static long longOr(Config config, String path, long fallback) {
    return config.hasPath(path) ? config.getLong(path) : fallback;
  }

  private static double doubleOr(Config config, String path, double fallback) {
    return config.hasPath(path) ? config.getDouble(path) : fallback;
  }

  private static boolean booleanOr(Config config, String path, boolean fallback) {
    return config.hasPath(path) ? config.getBoolean(path) : fallback;
  }
}
