package org.gqaspark.experiment;

import com.typesafe.config.Config;
import org.gqaspark.tables.RunId;

/** Builds the actions of the evaluate and decode-benchmark phases. */
public interface EvaluationActions {

  /**
   * Returns the action that decodes and scores one task with a fine-tuned checkpoint (the
   * output of the step's lineage parent).
   *
   * @param evaluate the task's evaluate block over the experiment's
   * @param kind summarization or translation
   */
  StepAction evaluate(Config evaluate, String kind, RunId tokenizeRunId, String vocabulary);

  /**
   * Returns the action that times decoding of an uptrained checkpoint (the output of the
   * step's lineage parent).
   */
  StepAction decodeBenchmark(Config decodeBenchmark);
}
