package org.gqaspark.experiment;

import com.typesafe.config.ConfigException;
import java.util.List;

/**
 * Builds every exception of the experiment package, each with the setting or run involved
 * and what to do.
 */
public final class ExperimentErrors {

  private ExperimentErrors() {}

  /** A phase that cannot run because a run it depends on has not succeeded. */
  public static final class MissingDependencyException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    MissingDependencyException(String message) {
      super(message);
    }
  }

  /** Returns the error for a setting outside its valid range. */
  public static IllegalArgumentException invalidSetting(String key, Object value,
      String requirement) {
    return new IllegalArgumentException("Invalid experiment setting " + key + ": must be "
        + requirement + " but got " + value + ".");
  }

  /** Returns the error for a HOCON value of the wrong type or a missing key, with its line. */
  public static IllegalArgumentException fromConfig(ConfigException e) {
    return new IllegalArgumentException("Invalid experiment settings: " + e.getMessage(), e);
  }

  /** Returns the error for a {@code --phase} value that names no phase. */
  public static IllegalArgumentException unknownPhase(String name, List<String> phases) {
    return new IllegalArgumentException("Unknown phase \"" + name + "\": use one of "
        + String.join(", ", phases) + ".");
  }

  /**
   * Returns the error for a selected phase whose input run has not succeeded.
   *
   * @param state the missing run's state in the runs table
   */
  public static MissingDependencyException missingDependency(ExperimentPhase phase,
      String runId, ExperimentPhase neededPhase, String neededRunId, String state,
      String confFile) {
    return new MissingDependencyException("Phase " + phase + " cannot run " + runId
        + ": it needs run " + neededRunId + " of phase " + neededPhase + ", which " + state
        + ". Run that phase first (gqa run --conf " + confFile + " --phase " + neededPhase
        + "), or run the whole experiment without --phase.");
  }

  /** Returns the error for a parent run whose row names no output. */
  public static IllegalStateException missingOutput(String runId, String neededRunId) {
    return new IllegalStateException("Run " + runId + " needs the output of run "
        + neededRunId + ", but its row in the runs table has no output_path; run its phase"
        + " again.");
  }
}
