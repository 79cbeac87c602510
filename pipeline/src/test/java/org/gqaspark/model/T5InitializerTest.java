package org.gqaspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.gqaspark.model.compute.DoubleCompute;
import org.junit.jupiter.api.Test;

class T5InitializerTest {

  private static final T5Config CONFIG = new T5Config(500, 64, 16, 256, 1, 1, 4, 2,
      T5Config.DEFAULT_GQA_ATTENTION_KINDS, 32, 128, 0.1, 1e-6, FeedForwardKind.RELU, false,
      0, 1, 0, 2.0, Map.of());

  private static double standardDeviation(float[] values) {
    double sum = 0;
    double squares = 0;
    for (float value : values) {
      sum += value;
      squares += (double) value * value;
    }
    double mean = sum / values.length;
    return Math.sqrt(squares / values.length - mean * mean);
  }

  private static ParameterStore initialized(long seed) {
    ParameterStore store = ParameterStore.forModel(CONFIG, new DoubleCompute());
    T5Initializer.initialize(store, CONFIG, seed);
    return store;
  }

  /** Sample standard deviations within 5% of Hugging Face's, for initializer_factor 2. */
  @Test
  void standardDeviations() {
    ParameterStore store = initialized(3);
    Map<String, Double> expected = Map.of(
        "shared.weight", 2.0,
        "lm_head.weight", 2.0,
        "encoder.block.0.layer.0.SelfAttention.q.weight", 2.0 / Math.sqrt(64 * 16),
        "decoder.block.0.layer.1.EncDecAttention.k.weight", 2.0 / 8,
        "encoder.block.0.layer.0.SelfAttention.o.weight", 2.0 / 8,
        "encoder.block.0.layer.1.DenseReluDense.wi.weight", 2.0 / 8,
        "decoder.block.0.layer.2.DenseReluDense.wo.weight", 2.0 / 16);
    for (Map.Entry<String, Double> entry : expected.entrySet()) {
      double actual = standardDeviation(store.values(entry.getKey()));
      assertEquals(entry.getValue(), actual, 0.05 * entry.getValue(), entry.getKey());
    }
  }

  @Test
  void layerNormsAreFactor() {
    float[] values = initialized(3).values("decoder.final_layer_norm.weight");
    float[] expected = new float[64];
    java.util.Arrays.fill(expected, 2f);
    assertArrayEquals(expected, values);
  }

  @Test
  void sameSeedSameValues() {
    String name = "encoder.block.0.layer.0.SelfAttention.v.weight";
    assertArrayEquals(initialized(9).values(name), initialized(9).values(name));
  }
}
