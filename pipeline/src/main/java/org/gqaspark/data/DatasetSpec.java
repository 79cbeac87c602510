package org.gqaspark.data;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * One dataset split to tokenize: its name and split (the key of its rows in every table), the
 * task prefix that T5 puts before the input, the length limits and the corpus files.
 *
 * @param name the dataset name, such as {@code cnn_dailymail}
 * @param split the split, such as {@code train} or {@code test}
 * @param taskPrefix text put before every input, such as {@code "summarize: "}; may be empty
 * @param limits maximum lengths in tokens and the over-length policy
 * @param source the files and how to read them
 */
public record DatasetSpec(
    String name, String split, String taskPrefix, TokenLimits limits, CorpusSource source)
    implements Serializable {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  public DatasetSpec {
    checkName("name", name);
    checkName("split", split);
    if (taskPrefix == null) {
      taskPrefix = "";
    }
    if (limits == null || source == null) {
      throw DataErrors.invalidSetting(null, limits == null ? "limits" : "format", null,
          "set for dataset " + name);
    }
  }

  /** Returns {@code name/split}, the way logs and messages name the dataset. */
  public String label() {
    return name + "/" + split;
  }

  /** Returns a one-line description for logs, with control characters escaped. */
  public String describe() {
    String policy = limits.overLength() == OverLengthPolicy.REJECT ? "rejected" : "truncated";
    return label() + ": " + source.describe() + ", task prefix \"" + taskPrefix
        + "\", at most " + limits.maxInputTokens() + " input and " + limits.maxTargetTokens()
        + " target tokens (longer " + policy + ")";
  }

  private static void checkName(String key, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw DataErrors.invalidSetting(null, key, value == null ? null : "\"" + value + "\"",
          "1 to 128 letters, digits, dots, hyphens or underscores, starting with a letter or"
              + " digit");
    }
  }
}
