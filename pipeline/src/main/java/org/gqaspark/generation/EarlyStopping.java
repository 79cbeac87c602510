package org.gqaspark.generation;

import java.util.Locale;

/**
 * When beam search stops for a source row, as Hugging Face's {@code early_stopping}
 * (transformers 4.x): each value names the setting it reproduces.
 */
public enum EarlyStopping {
  /**
   * {@code early_stopping=True}: stop as soon as the row has {@code numBeams} finished
   * hypotheses.
   */
  FIRST_COMPLETE("true"),
  /**
   * {@code early_stopping=False}, Hugging Face's default: stop when the best running beam,
   * scored at its current length, cannot beat the worst kept hypothesis. With a positive
   * length penalty a longer continuation could still score better, so this is a heuristic.
   */
  HEURISTIC("false"),
  /**
   * {@code early_stopping="never"}: like {@link #HEURISTIC}, but with a positive length
   * penalty the best running beam is scored at the maximum length, so the search stops only
   * when no continuation can win.
   */
  NEVER("never");

  private final String huggingFaceValue;

  EarlyStopping(String huggingFaceValue) {
    this.huggingFaceValue = huggingFaceValue;
  }

  /** The value of {@code early_stopping} in a Hugging Face generation config. */
  public String huggingFaceValue() {
    return huggingFaceValue;
  }

  /**
   * Parses {@code true}, {@code false} or {@code never}, the values of Hugging Face's
   * {@code early_stopping}, in any case.
   */
  public static EarlyStopping fromHuggingFace(String value) {
    for (EarlyStopping mode : values()) {
      if (mode.huggingFaceValue.equals(value.toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    throw GenerationErrors.invalidOption("early_stopping", value, "true, false or never");
  }
}
