package org.gqaspark.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Builds every exception of the metrics package, each with the value, the limit and a fix. */
public final class MetricErrors {

  private MetricErrors() {}

  /** Input that no metric can score: mismatched counts, missing segments, invalid options. */
  public static final class InvalidMetricInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidMetricInputException(String message) {
      super(message);
    }

    InvalidMetricInputException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Returns the error for an option value outside its valid range. */
  public static InvalidMetricInputException invalidOption(
      String option, Object value, String requirement) {
    return new InvalidMetricInputException("Invalid metric option: \"" + option + "\" must be "
        + requirement + " but got " + describe(value) + ".");
  }

  /** Returns the error for a ROUGE type that rouge-score 0.1.2 rejects too. */
  public static InvalidMetricInputException invalidRougeType(String type) {
    return new InvalidMetricInputException("Invalid ROUGE type " + describe(type)
        + ": use rouge1 .. rouge9 for n-gram overlap, rougeL or rougeLsum.");
  }

  /**
   * Returns the error for hypotheses and one reference stream of different lengths. sacreBLEU pairs them with
   * {@code zip} and silently drops the tail; this package rejects them instead.
   */
  public static InvalidMetricInputException countMismatch(
      long hypotheses, long references, String referenceSource) {
    return new InvalidMetricInputException("Got " + hypotheses + " hypotheses but " + references
        + " references in " + referenceSource + ": every hypothesis needs exactly one line in"
        + " every reference stream (an empty line counts). Align the inputs; nothing was"
        + " truncated.");
  }

  /** Returns the error for a corpus without segments, whose scores are undefined. */
  public static InvalidMetricInputException emptyCorpus() {
    return new InvalidMetricInputException("Cannot score an empty corpus: got 0 hypotheses."
        + " Pass at least one hypothesis with its references.");
  }

  /** Returns the error for a null hypothesis (an empty string is a valid hypothesis). */
  public static InvalidMetricInputException nullHypothesis(long segment) {
    return new InvalidMetricInputException("Hypothesis of segment " + segment + " is null."
        + " Use an empty string for an empty output.");
  }

  /**
   * Returns the error for a segment whose references are all null. sacreBLEU 2.6.0 counts such
   * a segment with a reference length of -1 or fails with a TypeError, depending on the
   * hypothesis.
   */
  public static InvalidMetricInputException noReference(long segment) {
    String where = segment >= 0 ? "Segment " + segment : "The segment";
    return new InvalidMetricInputException(where + " has no reference: every reference is null."
        + " Give at least one reference per segment (an empty string counts as one).");
  }

  /** Returns the error for a segment file line that is not valid UTF-8. */
  public static InvalidMetricInputException invalidUtf8(Path file, long line, Throwable cause) {
    return new InvalidMetricInputException("Invalid UTF-8 in " + file + " at line " + line
        + ": segment files must be UTF-8. Convert the file, for example with iconv.", cause);
  }

  /** Returns the error for a segment file that could not be read. */
  public static UncheckedIOException unreadableFile(Path file, IOException cause) {
    return new UncheckedIOException("Could not read segment file " + file + ": "
        + cause.getMessage() + ". Check that the path exists and is readable.", cause);
  }

  private static String describe(Object value) {
    return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }
}
