package org.gqaspark.model;

import java.util.Locale;

/**
 * The three attention layers of T5. Grouped-query attention applies to a configured subset;
 * the others keep one key/value head per query head.
 */
public enum AttentionKind {
  /** Encoder self-attention: runs over the whole input at once, so it is compute bound. */
  ENCODER_SELF,
  /** Decoder self-attention: reads a growing K/V cache at every decoding step. */
  DECODER_SELF,
  /** Encoder-decoder (cross) attention: reads the encoder's K/V at every decoding step. */
  CROSS;

  /** Returns the name used in config.json, for example {@code "decoder_self"}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a config.json name; the error lists the accepted names. */
  public static AttentionKind fromJsonName(String name) {
    for (AttentionKind kind : values()) {
      if (kind.jsonName().equals(name)) {
        return kind;
      }
    }
    throw ModelErrors.invalidConfigValue(T5Config.KEY_GQA_ATTENTION_KINDS, name,
        "one of encoder_self, decoder_self, cross");
  }
}
