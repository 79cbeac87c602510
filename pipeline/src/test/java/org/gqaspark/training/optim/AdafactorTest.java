package org.gqaspark.training.optim;

import static org.gqaspark.training.optim.OptimizerFixtures.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalDouble;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.compute.FloatCompute;
import org.junit.jupiter.api.Test;

/**
 * Two Adafactor steps on a vector (second moment per element) and a 2 x 3 matrix (factored
 * second moment). Expected values: the update rule of transformers.optimization.Adafactor
 * (transformers 4.x) transcribed to PyTorch and evaluated in float64.
 */
class AdafactorTest {

  private static void runTwoSteps(ParameterStore store, Adafactor adafactor,
      double learningRate) {
    for (int step = 0; step < 2; step++) {
      OptimizerFixtures.setGradients(store, step);
      adafactor.step(learningRate);
    }
  }

  /**
   * Defaults: relative step min(1e-2, 1 / sqrt(t)) scaled by RMS(p). Step 1 by hand for the
   * vector: beta2t = 1 - 1^-0.8 = 0, so v = g^2 + 1e-30 and U = sign(g) with RMS 1 (no
   * clipping), and rate = 1e-2 * sqrt((0.25 + 1 + 4) / 3) = 0.013228757.
   */
  @Test
  void defaultsMatchHuggingFace() {
    try (FloatCompute compute = OptimizerFixtures.compute()) {
      ParameterStore store = OptimizerFixtures.store(compute);
      Adafactor adafactor = new Adafactor(store, AdafactorOptions.DEFAULTS);

      OptimizerFixtures.setGradients(store, 0);
      adafactor.step(Double.NaN);
      assertValues(new double[] {0.5 - 0.013228757, -1.0 + 0.013228757, 2.0 - 0.013228757},
          store.values("v"), "v after step 1");

      OptimizerFixtures.setGradients(store, 1);
      adafactor.step(Double.NaN);
      assertValues(new double[] {0.4945833006686736, -1.0017222910794705, 1.9715649846358045},
          store.values("v"), "v");
      assertValues(new double[] {0.09366697388758874, -0.2008450793780924, 0.2990381098945733,
          0.40048102256459533, 0.4935073222058405, -0.6025247812182773}, store.values("m"), "m");
    }
  }

  @Test
  void externalRateMatchesHuggingFace() {
    try (FloatCompute compute = OptimizerFixtures.compute()) {
      ParameterStore store = OptimizerFixtures.store(compute);
      runTwoSteps(store, new Adafactor(store, AdafactorOptions.EXTERNAL_LEARNING_RATE), 0.01);

      assertValues(new double[] {0.49595783657653564, -1.0014023612349487, 1.9784030029061384},
          store.values("v"), "v");
      assertValues(new double[] {0.08376099953693948, -0.20223486338827876,
          0.2975675233012833, 0.4012641682338918, 0.4833836252066783, -0.6064949956864394},
          store.values("m"), "m");
    }
  }

  /** First moment 0.9, weight decay 0.1 and clip threshold 0.5, which clips both steps. */
  @Test
  void firstMomentDecayClipMatchHuggingFace() {
    AdafactorOptions options = new AdafactorOptions(1e-30, 1e-3, 0.5, -0.8,
        OptionalDouble.of(0.9), 0.1, false, false, false);
    try (FloatCompute compute = OptimizerFixtures.compute()) {
      ParameterStore store = OptimizerFixtures.store(compute);
      runTwoSteps(store, new Adafactor(store, options), 0.01);

      assertValues(new double[] {0.49834889182882675, -0.9976216180617474, 1.994472650145307},
          store.values("v"), "v");
      assertValues(new double[] {0.09846217814861688, -0.20039531823867276,
          0.2995055170480575, 0.39958105163376356, 0.4979193138830622, -0.5995246863430854},
          store.values("m"), "m");
    }
  }

  @Test
  void stateHasFactoredMoments() {
    try (FloatCompute compute = OptimizerFixtures.compute()) {
      ParameterStore store = OptimizerFixtures.store(compute);
      Adafactor adafactor = new Adafactor(store, AdafactorOptions.DEFAULTS.withBeta1(0.9));
      OptimizerState state = adafactor.state();
      assertEquals(List.of("v.exp_avg_sq", "v.exp_avg", "m.exp_avg_sq_row", "m.exp_avg_sq_col",
          "m.exp_avg"), List.copyOf(state.tensors().keySet()));
      assertEquals(2, state.tensors().get("m.exp_avg_sq_row").length);
      assertEquals(3, state.tensors().get("m.exp_avg_sq_col").length);
    }
  }

  @Test
  void restoredStateContinuesExactly() {
    try (FloatCompute compute = OptimizerFixtures.compute()) {
      ParameterStore straight = OptimizerFixtures.store(compute);
      Adafactor first = new Adafactor(straight, AdafactorOptions.DEFAULTS);
      OptimizerFixtures.setGradients(straight, 0);
      first.step(Double.NaN);
      OptimizerState saved = first.state();
      ParameterStore resumed = OptimizerFixtures.store(compute);
      resumed.setValues("v", straight.values("v"));
      resumed.setValues("m", straight.values("m"));
      OptimizerFixtures.setGradients(straight, 1);
      first.step(Double.NaN);

      Adafactor second = new Adafactor(resumed, AdafactorOptions.DEFAULTS);
      second.restore(saved);
      OptimizerFixtures.setGradients(resumed, 1);
      second.step(Double.NaN);

      assertArrayEquals(straight.values("m"), resumed.values("m"));
      assertArrayEquals(straight.values("v"), resumed.values("v"));
    }
  }

  @Test
  void warmupInitNeedsRelativeStep() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new AdafactorOptions(1e-30, 1e-3, 1.0, -0.8, OptionalDouble.empty(), 0, true,
            false, true));
    assertEquals("Optimizer option warmupInit must be false unless relativeStep is true but"
        + " got true.", error.getMessage());
  }
}
