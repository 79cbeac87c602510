package org.gqaspark.training.optim;

import static org.gqaspark.training.optim.OptimizerFixtures.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.gqaspark.model.ParameterSpec;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.compute.FloatCompute;
import org.junit.jupiter.api.Test;

class AdamWTest {

  private static final float[][] GRADIENTS = {
      {0.1f, -0.2f, 0f}, {0.3f, 0.1f, -0.5f}, {-0.1f, 0.4f, 0.2f}};

  /**
   * Expected values after each of three steps with lr 0.1, betas (0.9, 0.999), eps 1e-8 and
   * weight decay 0.01, from p = (1, -2, 0.5). Step 1 by hand: the bias corrections make
   * m_hat = g and v_hat = g^2, so p = p (1 - 0.1 * 0.01) - 0.1 * sign(g):
   * (0.999 - 0.1, -1.998 + 0.1, 0.4995). Steps 2 and 3: torch.optim.AdamW in float64.
   */
  private static final double[][] EXPECTED = {
      {0.8990000099999991, -1.8980000049999997, 0.4995},
      {0.80632290219559, -1.8694683027136758, 0.5734141802524878},
      {0.7571473970079224, -1.9133320116836363, 0.6025097330667005}};

  private static ParameterStore store(FloatCompute compute) {
    ParameterStore store = ParameterStore.allocate(
        List.of(new ParameterSpec("p", new int[] {3})), compute);
    store.setValues("p", new float[] {1f, -2f, 0.5f});
    return store;
  }

  @Test
  void threeStepsMatchPyTorch() {
    try (FloatCompute compute = OptimizerFixtures.compute()) {
      ParameterStore store = store(compute);
      AdamW adamW = new AdamW(store, AdamWOptions.DEFAULTS);
      for (int step = 0; step < 3; step++) {
        OptimizerFixtures.setGradient(store, "p", GRADIENTS[step]);
        adamW.step(0.1);
        assertValues(EXPECTED[step], store.values("p"), "step " + (step + 1));
      }
      assertEquals(3, adamW.steps());
    }
  }

  @Test
  void restoredStateContinuesExactly() {
    try (FloatCompute compute = OptimizerFixtures.compute()) {
      ParameterStore straight = store(compute);
      ParameterStore resumed = store(compute);
      AdamW first = new AdamW(straight, AdamWOptions.DEFAULTS);
      for (int step = 0; step < 2; step++) {
        OptimizerFixtures.setGradient(straight, "p", GRADIENTS[step]);
        first.step(0.1);
      }
      OptimizerState saved = first.state();
      resumed.setValues("p", straight.values("p"));
      OptimizerFixtures.setGradient(straight, "p", GRADIENTS[2]);
      first.step(0.1);

      AdamW second = new AdamW(resumed, AdamWOptions.DEFAULTS);
      second.restore(saved);
      OptimizerFixtures.setGradient(resumed, "p", GRADIENTS[2]);
      second.step(0.1);

      assertArrayEquals(straight.values("p"), resumed.values("p"));
      assertEquals(List.of("p.exp_avg", "p.exp_avg_sq"), List.copyOf(saved.tensors().keySet()));
    }
  }

  @Test
  void foreignStateRejected() {
    try (FloatCompute compute = OptimizerFixtures.compute()) {
      AdamW adamW = new AdamW(store(compute), AdamWOptions.DEFAULTS);
      OptimizerState wrong = new OptimizerState(1, Map.of("p.exp_avg", new float[3],
          "p.exp_avg_sq", new float[4]));
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
          () -> adamW.restore(wrong));
      assertEquals("Optimizer state tensor p.exp_avg_sq must have 3 values for this model but"
          + " has 4; it was saved for a model of another shape.", error.getMessage());
    }
  }

  @Test
  void invalidBetaRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new AdamWOptions(1.0, 0.999, 1e-8, 0));
    assertEquals("Optimizer option beta1 must be in [0, 1) but got 1.0.", error.getMessage());
  }
}
