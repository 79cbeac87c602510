package org.gqaspark.training.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.gqaspark.model.ParameterSpec;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.compute.FloatCompute;
import org.gqaspark.model.compute.FloatTensor;
import org.gqaspark.tensor.ScalarGemm;

/**
 * A vector "v" [3] and a matrix "m" [2, 3] on the float32 backend, with the gradients of
 * two optimizer steps, shared by the optimizer tests.
 */
final class OptimizerFixtures {

  static final float[] VECTOR = {0.5f, -1.0f, 2.0f};
  static final float[] MATRIX = {0.1f, -0.2f, 0.3f, 0.4f, 0.5f, -0.6f};
  static final float[][] VECTOR_GRADIENTS = {{0.2f, -0.1f, 0.05f}, {-0.1f, 0.3f, 0.2f}};
  static final float[][] MATRIX_GRADIENTS = {
      {0.3f, 0.1f, -0.2f, -0.4f, 0.05f, 0.6f}, {0.1f, -0.3f, 0.2f, 0.2f, 0.4f, -0.1f}};

  private OptimizerFixtures() {}

  static FloatCompute compute() {
    return new FloatCompute(2, pool -> new ScalarGemm());
  }

  static ParameterStore store(FloatCompute compute) {
    ParameterStore store = ParameterStore.allocate(List.of(
        new ParameterSpec("v", new int[] {3}), new ParameterSpec("m", new int[] {2, 3})),
        compute);
    store.setValues("v", VECTOR);
    store.setValues("m", MATRIX);
    return store;
  }

  /** Writes the gradients of step {@code step} (0 or 1). */
  static void setGradients(ParameterStore store, int step) {
    setGradient(store, "v", VECTOR_GRADIENTS[step]);
    setGradient(store, "m", MATRIX_GRADIENTS[step]);
  }

  static void setGradient(ParameterStore store, String name, float[] values) {
    float[] gradient = ((FloatTensor) store.get(name).gradient()).data();
    System.arraycopy(values, 0, gradient, 0, values.length);
  }

  /** Asserts each value to within 1e-6, a few float32 rounding steps of values near 1. */
  static void assertValues(double[] expected, float[] actual, String name) {
    assertEquals(expected.length, actual.length, name + ": size");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-6, name + "[" + i + "]");
    }
  }
}
