package org.gqaspark.experiment;

import com.typesafe.config.Config;
import org.gqaspark.tables.RunId;

/**
 * The evaluate and decode-benchmark actions of the product: {@link EvaluateStep} and {@link
 * DecodeBenchmarkStep}.
 */
public record EvaluationSteps() implements EvaluationActions {

  @Override
  public StepAction evaluate(Config evaluate, String kind, RunId tokenizeRunId,
      String vocabulary) {
    return new EvaluateStep(evaluate, kind, tokenizeRunId, vocabulary);
  }

  @Override
  public StepAction decodeBenchmark(Config decodeBenchmark) {
    return new DecodeBenchmarkStep(decodeBenchmark);
  }
}
