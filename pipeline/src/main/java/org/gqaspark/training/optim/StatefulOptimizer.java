package org.gqaspark.training.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gqaspark.model.ParameterStore;

/**
 * The bookkeeping shared by the optimizers: the parameters as host arrays, the named state
 * arrays, the step count, and export and restore of the state.
 */
abstract class StatefulOptimizer implements Optimizer {

  protected final HostParameters parameters;
  /** State arrays by {@code <parameter name>.<slot>}, in parameter order. */
  protected final Map<String, float[]> state = new LinkedHashMap<>();
  private final String name;
  protected long steps;

  StatefulOptimizer(String name, ParameterStore store) {
    this.name = name;
    this.parameters = new HostParameters(store);
  }

  @Override
  public long steps() {
    return steps;
  }

  @Override
  public OptimizerState state() {
    return new OptimizerState(steps, HostParameters.copy(state));
  }

  @Override
  public void restore(OptimizerState saved) {
    HostParameters.restore(name, state, saved.tensors());
    steps = saved.step();
  }

  protected String name() {
    return name;
  }
}
