package org.gqaspark.training.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.compute.FloatCompute;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

  /** Gradients (3, 4) and (0, 0, 12): global norm sqrt(9 + 16 + 144) = 13. */
  private static ParameterStore store(FloatCompute compute) {
    ParameterStore store = OptimizerFixtures.store(compute);
    OptimizerFixtures.setGradient(store, "v", new float[] {3f, 4f, 0f});
    OptimizerFixtures.setGradient(store, "m", new float[] {0f, 0f, 12f, 0f, 0f, 0f});
    return store;
  }

  @Test
  void clipScalesToMaxNorm() {
    try (FloatCompute compute = OptimizerFixtures.compute()) {
      ParameterStore store = store(compute);
      double norm = GradientClipping.clipGlobalNorm(store, 6.5);
      float coefficient = (float) (6.5 / (13 + 1e-6));
      assertEquals(13.0, norm, 1e-12);
      assertArrayEquals(new float[] {3 * coefficient, 4 * coefficient, 0f},
          store.gradients("v"));
      assertEquals(6.5, GradientClipping.globalNorm(store), 1e-5);
    }
  }

  @Test
  void smallNormUnchanged() {
    try (FloatCompute compute = OptimizerFixtures.compute()) {
      ParameterStore store = store(compute);
      assertEquals(13.0, GradientClipping.clipGlobalNorm(store, 20), 1e-12);
      assertArrayEquals(new float[] {3f, 4f, 0f}, store.gradients("v"));
    }
  }
}
