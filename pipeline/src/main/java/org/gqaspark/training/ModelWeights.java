package org.gqaspark.training;

import java.io.Serializable;
import java.util.List;
import org.gqaspark.model.Parameter;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.compute.FloatTensor;

/**
 * The values of every parameter of a model in layout order, as the driver broadcasts them
 * to the workers, with a version by which a worker skips copying weights it already has.
 *
 * @param version a number that changes whenever the weights change (the trainer uses the
 *     count of updates applied)
 * @param values [parameters][size of each parameter], row-major
 */
public record ModelWeights(long version, float[][] values) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Returns copies of the store's values. */
  public static ModelWeights of(ParameterStore store, long version) {
    List<Parameter> parameters = store.parameters();
    float[][] values = new float[parameters.size()][];
    for (int i = 0; i < values.length; i++) {
      values[i] = floats(parameters.get(i).value()).clone();
    }
    return new ModelWeights(version, values);
  }

  /** Copies these values into the store, whose layout must be the same. */
  public void copyInto(ParameterStore store) {
    List<Parameter> parameters = store.parameters();
    if (parameters.size() != values.length) {
      throw TrainingErrors.layoutMismatch(values.length, parameters.size());
    }
    for (int i = 0; i < values.length; i++) {
      float[] target = floats(parameters.get(i).value());
      if (target.length != values[i].length) {
        throw TrainingErrors.layoutMismatch(parameters.get(i).name(), values[i].length,
            target.length);
      }
      System.arraycopy(values[i], 0, target, 0, target.length);
    }
  }

  /** Returns the float array behind a tensor of the float32 backend. */
  static float[] floats(org.gqaspark.model.compute.Tensor tensor) {
    if (tensor instanceof FloatTensor floats) {
      return floats.data();
    }
    throw TrainingErrors.unsupportedBackend(tensor.getClass().getSimpleName());
  }
}
