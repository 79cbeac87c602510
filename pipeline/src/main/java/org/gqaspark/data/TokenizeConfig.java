package org.gqaspark.data;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.TableLocations;

/**
 * Reads {@link TokenizeSettings} from HOCON: the {@code tokenize} block of a job file, with the
 * tables root from {@code tables.root}. {@code conf/tokenize.conf} shows every key.
 */
public final class TokenizeConfig {

  /** Keys of the tokenize block. */
  private static final Set<String> TOKENIZE_KEYS = Set.of("run-id", "vocabulary",
      "add-dummy-prefix", "partitions", "max-line-bytes", "excerpt-chars", "datasets");

  /** Keys of a dataset block, over all formats. */
  private static final Set<String> DATASET_KEYS = Set.of("name", "split", "format",
      "task-prefix", "max-input-tokens", "max-target-tokens", "over-length", "paths",
      "source-field", "target-field", "source-separator", "target-separator", "id-field",
      "source-paths", "target-paths", "source-column", "target-column", "id-column");

  private TokenizeConfig() {}

  /**
   * Reads the settings from a resolved job file.
   *
   * @param runId the run id from the command line, or null to take {@code tokenize.run-id}
   * @throws DataErrors.InvalidSettingException naming the file, line and key of a bad value
   */
  public static TokenizeSettings read(Config root, String runId) {
    try {
      Config tokenize = root.getConfig("tokenize");
      rejectUnknownKeys(tokenize, TOKENIZE_KEYS);
      String id = runId != null ? runId
          : tokenize.hasPath("run-id") ? tokenize.getString("run-id") : null;
      if (id == null) {
        throw DataErrors.missingSetting(tokenize.origin().description(), "tokenize.run-id",
            "(or --run-id) to key the rows this run writes");
      }
      int partitions = tokenize.hasPath("partitions") ? tokenize.getInt("partitions") : 0;
      ReadLimits limits = new ReadLimits(
          tokenize.hasPath("max-line-bytes") ? tokenize.getInt("max-line-bytes")
              : TokenizeSettings.DEFAULT_MAX_LINE_BYTES,
          tokenize.hasPath("excerpt-chars") ? tokenize.getInt("excerpt-chars")
              : TokenizeSettings.DEFAULT_EXCERPT_CHARS);
      List<DatasetSpec> datasets = new ArrayList<>();
      for (Config block : tokenize.getConfigList("datasets")) {
        datasets.add(dataset(block));
      }
      return new TokenizeSettings(new RunId(id), new TableLocations(root.getString("tables.root")),
          partitions, limits, datasets);
    } catch (ConfigException e) {
      throw DataErrors.fromConfig(e);
    }
  }

  /**
   * Returns {@code tokenize.vocabulary}, the path or URI of the SentencePiece model.
   *
   * @throws DataErrors.InvalidSettingException when the key is missing
   */
  public static String vocabulary(Config root) {
    try {
      return root.getString("tokenize.vocabulary");
    } catch (ConfigException e) {
      throw DataErrors.fromConfig(e);
    }
  }

  /**
   * Returns {@code tokenize.add-dummy-prefix}, the value to set the model's {@code
   * add_dummy_prefix} flag to, or null (key absent) to keep the file's value.
   */
  public static Boolean addDummyPrefix(Config root) {
    try {
      String key = "tokenize.add-dummy-prefix";
      return root.hasPath(key) ? root.getBoolean(key) : null;
    } catch (ConfigException e) {
      throw DataErrors.fromConfig(e);
    }
  }

  /** Reads one dataset block. */
  static DatasetSpec dataset(Config block) {
    String where = block.origin().description();
    try {
      return datasetIn(block, where);
    } catch (DataErrors.InvalidSettingException e) {
      throw DataErrors.inBlock(where, e);
    }
  }

  private static DatasetSpec datasetIn(Config block, String where) {
    rejectUnknownKeys(block, DATASET_KEYS);
    TokenLimits limits = new TokenLimits(
        block.getInt("max-input-tokens"),
        block.getInt("max-target-tokens"),
        overLength(block, where));
    String taskPrefix = block.hasPath("task-prefix") ? block.getString("task-prefix") : "";
    return new DatasetSpec(block.getString("name"), block.getString("split"), taskPrefix, limits,
        source(block, where));
  }

  private static CorpusSource source(Config block, String where) {
    String format = block.getString("format");
    switch (format) {
      case "jsonl":
        return new CorpusSource.Jsonl(
            paths(block, "paths", where),
            FieldPath.parse(block.getString("source-field")),
            block.hasPath("target-field") ? FieldPath.parse(block.getString("target-field"))
                : null,
            block.hasPath("id-field") ? FieldPath.parse(block.getString("id-field")) : null,
            block.hasPath("source-separator") ? block.getString("source-separator") : " ",
            block.hasPath("target-separator") ? block.getString("target-separator") : " ");
      case "text-pair":
        return new CorpusSource.TextPair(paths(block, "source-paths", where),
            paths(block, "target-paths", where));
      case "tsv":
        int sourceColumn = column(block, "source-column", where);
        int targetColumn = column(block, "target-column", where);
        int idColumn = block.hasPath("id-column") ? column(block, "id-column", where) : -1;
        return new CorpusSource.Tsv(paths(block, "paths", where), sourceColumn, targetColumn,
            idColumn);
      default:
        throw DataErrors.invalidSetting(where, "format", "\"" + format + "\"",
            "jsonl, text-pair or tsv");
    }
  }

  private static OverLengthPolicy overLength(Config block, String where) {
    String value = block.hasPath("over-length") ? block.getString("over-length") : "reject";
    try {
      return OverLengthPolicy.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw DataErrors.invalidSetting(where, "over-length", "\"" + value + "\"",
          "reject or truncate");
    }
  }

  /** Rejects a key that is not a setting, so a misspelt key fails instead of being ignored. */
  private static void rejectUnknownKeys(Config block, Set<String> known) {
    for (String key : block.root().keySet()) {
      if (!known.contains(key)) {
        String where = block.root().get(key).origin().description();
        throw DataErrors.unknownSetting(where, key, new TreeSet<>(known));
      }
    }
  }

  private static int column(Config block, String key, String where) {
    int column = block.getInt(key);
    if (column < 0) {
      throw DataErrors.invalidSetting(where, key, column, "a 0-based column index");
    }
    return column;
  }

  /** Reads a list of paths, or a single path given as a string. */
  private static List<String> paths(Config block, String key, String where) {
    if (!block.hasPath(key)) {
      throw DataErrors.missingSetting(where, key, "for format " + block.getString("format"));
    }
    List<String> paths = block.getValue(key).valueType() == ConfigValueType.LIST
        ? block.getStringList(key) : List.of(block.getString(key));
    if (paths.isEmpty() || paths.stream().anyMatch(String::isBlank)) {
      throw DataErrors.invalidSetting(where, key, paths, "one or more non-empty paths");
    }
    return paths;
  }
}
