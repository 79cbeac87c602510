package org.gqaspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gqaspark.model.compute.DoubleCompute;
import org.gqaspark.model.compute.FloatCompute;
import org.gqaspark.tensor.ScalarGemm;
import org.junit.jupiter.api.Test;

/**
 * The float32 backend runs the same model as the float64 reference: same weights, same
 * padded batch and dropout masks, loss and every gradient equal up to float32 rounding.
 * Tolerance per tensor: {@code max|float - double| <= 1e-4 * max|double|}.
 */
class FloatModelTest {

  @Test
  void floatMatchesDoubleReference() {
    T5Config config = TinyModels.config(2, T5Config.DEFAULT_GQA_ATTENTION_KINDS,
        FeedForwardKind.GATED_GELU, false, 0.1);
    ParameterStore reference = ParameterStore.forModel(config, new DoubleCompute());
    T5Initializer.initialize(reference, config, 5);
    try (FloatCompute compute = new FloatCompute(2, pool -> new ScalarGemm())) {
      ParameterStore fast = ParameterStore.forModel(config, compute);
      T5Initializer.initialize(fast, config, 5);
      Seq2SeqBatch batch = TinyModels.paddedBatch(config);
      ForwardMode mode = ForwardMode.train(8);

      LossResult expected = new T5Model(config, reference).forwardBackward(batch, mode);
      LossResult actual = new T5Model(config, fast).forwardBackward(batch, mode);

      assertEquals(expected.mean(), actual.mean(), 1e-5 * expected.mean());
      for (String name : reference.names()) {
        float[] want = reference.gradients(name);
        float[] got = fast.gradients(name);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
          scale = Math.max(scale, Math.abs(want[i]));
          worst = Math.max(worst, Math.abs(want[i] - got[i]));
        }
        assertTrue(worst <= 1e-4 * scale, name + ": gradient differs by " + worst
            + " (largest " + scale + ")");
      }
    }
  }
}
