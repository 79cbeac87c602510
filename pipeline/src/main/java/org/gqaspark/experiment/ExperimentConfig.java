package org.gqaspark.experiment;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.gqaspark.conversion.KeyValueInit;
import org.gqaspark.data.VocabularyJob;
import org.gqaspark.model.AttentionKind;
import org.gqaspark.model.T5Config;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.tokenizer.UnigramTrainerOptions;

/**
 * Reads {@link ExperimentSettings} from the {@code experiment} block of a HOCON file, with the
 * tables root from {@code tables.root}. {@code conf/local.conf} documents every key; the
 * defaults here are the documented ones.
 */
public final class ExperimentConfig {

  private ExperimentConfig() {}

  /**
   * Reads the experiment.
   *
   * @param idOverride the experiment id from the command line, or null for {@code
   *     experiment.id}
   * @throws IllegalArgumentException naming the key, its file and line, and the requirement
   */
  public static ExperimentSettings read(Config root, String idOverride) {
    try {
      Config experiment = root.getConfig("experiment");
      String id = idOverride != null ? idOverride : experiment.getString("id");
      // The id prefixes every run id, so it must be a valid run id itself.
      new RunId(id);
      Config vocabulary = experiment.getConfig("vocabulary");
      Config pretrain = optional(experiment, "pretrain");
      Config convert = optional(experiment, "convert");
      Config uptrain = optional(experiment, "uptrain");

      return new ExperimentSettings(id, stripSlash(string(experiment, "work-dir", "work")),
          new TableLocations(root.getString("tables.root")),
          string(vocabulary, "path", null),
          vocabulary.hasPath("train") ? vocabularyTraining(vocabulary.getConfig("train"))
              : null,
          experiment.getConfig("tokenize"), optional(experiment, "train"),
          optional(pretrain, "train"), string(pretrain, "init-checkpoint", null),
          pretrain.hasPath("steps") ? pretrain.getLong("steps") : null,
          convert.getIntList("key-value-heads"), methods(convert), attentionKinds(convert),
          convert.hasPath("seed") ? convert.getLong("seed") : 0,
          uptrain.hasPath("alphas") ? uptrain.getDoubleList("alphas") : List.of(0.05),
          optional(uptrain, "train"), tasks(experiment),
          experiment.hasPath("evaluate") ? experiment.getConfig("evaluate") : null,
          experiment.hasPath("decode-benchmark") ? experiment.getConfig("decode-benchmark")
              : null);
    } catch (ConfigException e) {
      throw ExperimentErrors.fromConfig(e);
    }
  }

  private static ExperimentSettings.VocabularyTraining vocabularyTraining(Config train) {
    List<VocabularyJob.Source> sources = new ArrayList<>();
    for (Config source : train.getConfigList("sources")) {
      sources.add(new VocabularyJob.Source(source.getStringList("paths"),
          string(source, "json-field", null)));
    }
    int vocabSize = train.getInt("vocab-size");
    UnigramTrainerOptions defaults = UnigramTrainerOptions.defaults(vocabSize);
    int threads = train.hasPath("threads") ? train.getInt("threads") : 0;
    UnigramTrainerOptions options = defaults
        .withSentinelCount(train.hasPath("sentinels") ? train.getInt("sentinels") : 100)
        .withCharacterCoverage(train.hasPath("character-coverage")
            ? (float) train.getDouble("character-coverage") : defaults.characterCoverage())
        .withMaxPieceLength(train.hasPath("max-piece-length")
            ? train.getInt("max-piece-length") : defaults.maxPieceLength())
        .withSeedSize(train.hasPath("seed-size") ? train.getInt("seed-size")
            : defaults.seedSize())
        .withMaxSentenceBytes(train.hasPath("max-sentence-bytes")
            ? train.getInt("max-sentence-bytes") : defaults.maxSentenceBytes())
        .withAddDummyPrefix(!train.hasPath("add-dummy-prefix")
            || train.getBoolean("add-dummy-prefix"))
        .withSplitDigits(train.hasPath("split-digits") && train.getBoolean("split-digits"))
        .withThreads(threads > 0 ? threads : defaults.threads());
    return new ExperimentSettings.VocabularyTraining(sources,
        string(train, "normalization-model", null), options);
  }

  private static List<String> methods(Config convert) {
    List<String> methods = convert.hasPath("methods") ? convert.getStringList("methods")
        : List.of(KeyValueInit.MEAN.optionName());
    for (String method : methods) {
      KeyValueInit.fromOptionName(method);
    }
    return methods;
  }

  private static Set<AttentionKind> attentionKinds(Config convert) {
    if (!convert.hasPath("attention-kinds")) {
      return T5Config.DEFAULT_GQA_ATTENTION_KINDS;
    }
    Set<AttentionKind> kinds = EnumSet.noneOf(AttentionKind.class);
    for (String name : convert.getStringList("attention-kinds")) {
      kinds.add(AttentionKind.fromJsonName(name));
    }
    return kinds;
  }

  private static List<FinetuneTask> tasks(Config experiment) {
    List<FinetuneTask> tasks = new ArrayList<>();
    if (!experiment.hasPath("finetune.tasks")) {
      return tasks;
    }
    for (Config task : experiment.getConfigList("finetune.tasks")) {
      tasks.add(new FinetuneTask(task.getString("name"), task.getString("kind"),
          optional(task, "train"), optional(task, "evaluate")));
    }
    return tasks;
  }

  private static Config optional(Config config, String path) {
    return config.hasPath(path) ? config.getConfig(path) : ConfigFactory.empty();
  }

  private static String string(Config config, String path, String fallback) {
    return config.hasPath(path) ? config.getString(path) : fallback;
  }

  private static String stripSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1)
        : path;
  }
}
