package org.gqaspark.spark;

import com.typesafe.config.ConfigException;

/** Builds every exception of the Spark settings package, each with the value and a fix. */
public final class SparkErrors {

  private SparkErrors() {}

  /** An invalid Spark or S3 setting. */
  public static final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidSettingException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Returns the error for a value that breaks a rule, such as an empty app name. */
  public static InvalidSettingException invalidValue(
      String setting, Object value, String requirement) {
    return new InvalidSettingException("Invalid Spark setting: \"" + setting + "\" must be "
        + requirement + " but got " + value + ".", null);
  }

  /** Returns the error for a secret key without its access key, or the other way round. */
  public static InvalidSettingException incompleteKeyPair(String scope) {
    return new InvalidSettingException("Invalid S3 setting for " + scope + ": access-key and"
        + " secret-key must be given together, or neither (to use the credentials provider"
        + " chain).", null);
  }

  /** Returns the error for two S3 blocks of the same bucket, or two without a bucket. */
  public static InvalidSettingException duplicateBucket(String scope) {
    return new InvalidSettingException("Invalid S3 settings: " + scope + " is configured twice;"
        + " keep one block per bucket and at most one without a bucket.", null);
  }

  /** Returns the error for a HOCON value of the wrong type or a missing key, with its line. */
  public static InvalidSettingException fromConfig(ConfigException e) {
    return new InvalidSettingException("Invalid Spark settings: " + e.getMessage(), e);
  }
}
