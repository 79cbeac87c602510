package org.gqaspark.model;

/** Builds every exception of the model package, each with the value, the limit and a fix. */
public final class ModelErrors {

  private ModelErrors() {}

  /** An invalid model configuration value; {@link #detail} omits where the config came from. */
  public static final class InvalidConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String detail;

    InvalidConfigException(String message, String detail, Throwable cause) {
      super(message, cause);
      this.detail = detail;
    }

    public String detail() {
      return detail;
    }
  }

  /** A config value that T5 or this engine does not accept. */
  public static InvalidConfigException invalidConfigValue(
      String key, Object value, String requirement) {
    String detail = "\"" + key + "\" must be " + requirement + " but got " + value + ".";
    return new InvalidConfigException("Invalid model config: " + detail, detail, null);
  }

  /** Key/value heads that do not split the query heads into equal contiguous groups. */
  public static InvalidConfigException headsNotDivisible(int heads, int kvHeads) {
    String detail = "num_key_value_heads (" + kvHeads + ") must divide num_heads (" + heads
        + ") so that every group has the same number of query heads; choose a divisor of "
        + heads + ".";
    return new InvalidConfigException("Invalid model config: " + detail, detail, null);
  }

  /** The same error, naming the config.json it came from. */
  public static InvalidConfigException inConfigFile(String source, InvalidConfigException e) {
    return new InvalidConfigException("Invalid model config " + source + ": " + e.detail()
        + " Fix the value in config.json.", e.detail(), e);
  }

  /** A config.json that is not a JSON object. */
  public static InvalidConfigException unreadableConfig(String source, Exception cause) {
    String detail = "not a JSON object (" + cause.getMessage() + ").";
    return new InvalidConfigException("Could not parse model config " + source + ": " + detail,
        detail, cause);
  }
}
