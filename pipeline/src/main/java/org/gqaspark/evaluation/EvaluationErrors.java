package org.gqaspark.evaluation;

import com.typesafe.config.ConfigException;

/**
 * Builds every exception of the evaluation package, each with the setting or table, the value
 * and what to do.
 */
public final class EvaluationErrors {

  private EvaluationErrors() {}

  /** A job file setting that is missing or invalid. */
  public static final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidSettingException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Returns the error for a setting outside its valid range. */
  static InvalidSettingException invalidSetting(String key, Object value, String requirement) {
    return new InvalidSettingException("Invalid setting " + key + ": must be " + requirement
        + " but got " + value + ".", null);
  }

  /** Returns the error for a HOCON key that is missing or of the wrong type. */
  static InvalidSettingException fromConfig(String job, ConfigException e) {
    return new InvalidSettingException("Invalid " + job + " settings: " + e.getMessage(), e);
  }

  /** Returns the error for an evaluation set that has no examples in the examples table. */
  static IllegalStateException noExamples(String examplesRunId, String dataset, String split,
      String path) {
    return new IllegalStateException("The examples table " + path + " has no rows for run "
        + examplesRunId + ", dataset " + dataset + ", split " + split + ". Run gqa tokenize"
        + " with that run id and dataset, or fix evaluate.examples-run-id and the eval-sets"
        + " entry.");
  }

  /** Returns the error for examples written before the examples table stored raw text. */
  static IllegalStateException noReferenceText(String examplesRunId, String dataset,
      String split, long missing) {
    return new IllegalStateException(missing + " examples of run " + examplesRunId + ", dataset "
        + dataset + ", split " + split + " have no target_text, the raw reference that"
        + " evaluation scores against. Tokenize the dataset again with this version of gqa"
        + " tokenize (raw-text datasets without a target field cannot be evaluated).");
  }

  /** Returns the error for a decoded example count that differs from the selected examples. */
  static IllegalStateException decodedCountMismatch(String dataset, String split,
      long selected, long decoded) {
    return new IllegalStateException("Selected " + selected + " examples of " + dataset + "/"
        + split + " but " + decoded + " came back decoded; an example id is duplicated in the"
        + " examples table or a decoding task lost rows.");
  }
}
