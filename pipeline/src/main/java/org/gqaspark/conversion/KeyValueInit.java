package org.gqaspark.conversion;

import java.util.Locale;

/**
 * How the key and value projections of a group are built from the original heads, as
 * compared by Ainslie et al. (2023, "GQA: Training Generalized Multi-Query Transformer
 * Models from Multi-Head Checkpoints", section 2.1), where mean pooling worked best.
 */
public enum KeyValueInit {
  /** Mean of the projection rows of the heads in the group. */
  MEAN,
  /** The projection rows of the group's first head. */
  FIRST,
  /**
   * Seeded normal values at the scale of the original projection: each new K or V matrix
   * is drawn from N(0, rms^2), where rms is the root mean square of all entries of the
   * matrix it replaces (that layer's K or V projection, every head).
   */
  RANDOM;

  /** Returns the command-line name, for example {@code "mean"}. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a command-line name; the error lists the accepted names. */
  public static KeyValueInit fromOptionName(String name) {
    for (KeyValueInit method : values()) {
      if (method.optionName().equals(name)) {
        return method;
      }
    }
    throw ConversionErrors.unknownMethod(name);
  }
}
