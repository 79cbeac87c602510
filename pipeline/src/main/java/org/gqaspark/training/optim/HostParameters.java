package org.gqaspark.training.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gqaspark.model.Parameter;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.compute.FloatCompute;
import org.gqaspark.model.compute.FloatTensor;
import org.gqaspark.tensor.ComputePool;

/**
 * The parameters of a store as float arrays that optimizers update in place, the store's
 * thread pool, and the state tensors that the optimizers keep per parameter.
 */
final class HostParameters {

  /** Elements per task of the parallel loops. */
  static final int CHUNK = 1 << 14;

  /** One parameter: values [shape] and gradient [shape], row-major. */
  record Slot(String name, int[] shape, float[] values, float[] gradients) {}

  private final List<Slot> slots = new ArrayList<>();
  private final FloatCompute compute;
  private final ComputePool pool;

  HostParameters(ParameterStore store) {
    if (!(store.compute() instanceof FloatCompute compute)) {
      throw OptimErrors.unsupportedBackend(store.compute().description());
    }
    this.compute = compute;
    this.pool = compute.pool();
    for (Parameter parameter : store.parameters()) {
      if (!(parameter.value() instanceof FloatTensor value)
          || !(parameter.gradient() instanceof FloatTensor gradient)) {
        throw OptimErrors.unsupportedBackend(store.compute().description());
      }
      slots.add(new Slot(parameter.name(), parameter.spec().shape(), value.data(),
          gradient.data()));
    }
  }

  List<Slot> slots() {
    return slots;
  }

  ComputePool pool() {
    return pool;
  }

  /** Returns the sum of squares of the first {@code length} values, independent of threads. */
  double sumOfSquares(float[] values, int length) {
    return compute.sumOfSquares(values, length);
  }

  /** Returns deep copies of named state arrays, for {@link Optimizer#state()}. */
  static Map<String, float[]> copy(Map<String, float[]> tensors) {
    Map<String, float[]> copies = new LinkedHashMap<>();
    tensors.forEach((name, values) -> copies.put(name, values.clone()));
    return copies;
  }

  /**
   * Copies saved arrays into this optimizer's state arrays after checking that the names
   * and sizes are exactly the same.
   */
  static void restore(String optimizer, Map<String, float[]> target, Map<String, float[]> saved) {
    for (Map.Entry<String, float[]> entry : target.entrySet()) {
      float[] values = saved.get(entry.getKey());
      if (values == null) {
        throw OptimErrors.missingState(optimizer, entry.getKey());
      }
      if (values.length != entry.getValue().length) {
        throw OptimErrors.stateSizeMismatch(entry.getKey(), entry.getValue().length,
            values.length);
      }
    }
    for (String name : saved.keySet()) {
      if (!target.containsKey(name)) {
        throw OptimErrors.unexpectedState(optimizer, name);
      }
    }
    target.forEach((name, values) ->
        System.arraycopy(saved.get(name), 0, values, 0, values.length));
  }
}
