package org.gqaspark.experiment;

import java.util.Optional;
import org.gqaspark.tables.RunRecord;

/**
 * The work of one planned step. An action writes its own row of the runs table (running,
 * then succeeded with its output path, or failed), so that a later invocation, possibly in
 * another process, can tell whether the step is done.
 */
public interface StepAction {

  /**
   * Runs the step and returns its output path. A step that was interrupted before resumes
   * where it can (training resumes from its newest complete checkpoint).
   */
  String run(ExperimentContext context, PlannedStep step) throws Exception;

  /**
   * Checks the output of a run that the runs table marks succeeded.
   *
   * @return empty when the output is complete, else what is missing
   */
  Optional<String> checkOutput(ExperimentContext context, RunRecord row) throws Exception;
}
