package org.gqaspark.model;

/**
 * T5's feed-forward variants, named as Hugging Face's {@code feed_forward_proj}: the
 * original ReLU layer (wi, wo) and T5 v1.1's gated GELU (wi_0, wi_1, wo), where GELU is the
 * tanh approximation ("gelu_new" in Hugging Face).
 */
public enum FeedForwardKind {
  RELU("relu"),
  GATED_GELU("gated-gelu");

  private final String jsonName;

  FeedForwardKind(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }

  public boolean gated() {
    return this == GATED_GELU;
  }

  /** Parses a {@code feed_forward_proj} value; the error lists the accepted values. */
  public static FeedForwardKind fromJsonName(String name) {
    for (FeedForwardKind kind : values()) {
      if (kind.jsonName.equals(name)) {
        return kind;
      }
    }
    throw ModelErrors.invalidConfigValue(T5Config.KEY_FEED_FORWARD_PROJ, name,
        "\"relu\" or \"gated-gelu\"");
  }
}
