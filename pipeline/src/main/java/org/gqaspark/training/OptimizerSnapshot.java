package org.gqaspark.training;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gqaspark.training.optim.OptimizerState;

/**
 * An {@link OptimizerState} in a form Spark can ship: the state arrays in name order.
 *
 * @param step updates applied
 * @param names state array names, {@code <parameter>.<slot>}
 * @param tensors [names][size]
 */
record OptimizerSnapshot(long step, String[] names, float[][] tensors) implements Serializable {

  private static final long serialVersionUID = 1L;

  static OptimizerSnapshot of(OptimizerState state) {
    String[] names = state.tensors().keySet().toArray(new String[0]);
    float[][] tensors = new float[names.length][];
    for (int i = 0; i < names.length; i++) {
      tensors[i] = state.tensors().get(names[i]);
    }
    return new OptimizerSnapshot(state.step(), names, tensors);
  }

  OptimizerState toState() {
    Map<String, float[]> map = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      map.put(names[i], tensors[i]);
    }
    return new OptimizerState(step, map);
  }
}
