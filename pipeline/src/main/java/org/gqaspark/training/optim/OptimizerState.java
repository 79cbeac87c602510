package org.gqaspark.training.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything an optimizer needs to continue where it stopped: the number of steps taken and
 * its per-parameter tensors (moments and factored second moments), named
 * {@code <parameter name>.<slot>} in Hugging Face and PyTorch terms, for example
 * {@code shared.weight.exp_avg}. Trainers save it with each checkpoint.
 *
 * @param step number of updates applied so far
 * @param tensors named float arrays, in the optimizer's parameter order; the arrays are
 *     copies, independent of the optimizer
 */
public record OptimizerState(long step, Map<String, float[]> tensors) {

  public OptimizerState {
    if (step < 0) {
      throw OptimErrors.invalidOption("step", step, ">= 0");
    }
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }
}
