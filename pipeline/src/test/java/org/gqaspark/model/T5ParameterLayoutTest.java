package org.gqaspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class T5ParameterLayoutTest {

  private static final T5Config T5_SMALL = T5Config.multiHead(32128, 512, 64, 2048, 6, 6, 8,
      FeedForwardKind.RELU, true);

  private static Map<String, int[]> shapes(T5Config config) {
    return T5ParameterLayout.of(config).stream()
        .collect(Collectors.toMap(ParameterSpec::name, ParameterSpec::shape));
  }

  /** Hugging Face reports 60,506,624 parameters for t5-small. */
  @Test
  void t5SmallCount() {
    long count = T5ParameterLayout.of(T5_SMALL).stream().mapToLong(ParameterSpec::size).sum();
    assertEquals(60_506_624L, count);
  }

  @Test
  void t5SmallNames() {
    List<String> names = T5ParameterLayout.of(T5_SMALL).stream().map(ParameterSpec::name)
        .toList();
    assertEquals("shared.weight", names.get(0));
    assertEquals("encoder.block.0.layer.0.SelfAttention.q.weight", names.get(1));
    assertTrue(names.contains("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"));
    assertFalse(names.contains("encoder.block.1.layer.0.SelfAttention.relative_attention_bias.weight"));
    assertTrue(names.contains("decoder.block.5.layer.1.EncDecAttention.o.weight"));
    assertTrue(names.contains("decoder.block.5.layer.2.DenseReluDense.wo.weight"));
    assertEquals("decoder.final_layer_norm.weight", names.get(names.size() - 1));
  }

  @Test
  void groupedQueryShapes() {
    Map<String, int[]> shapes = shapes(T5_SMALL.withKeyValueHeads(2));
    assertArrayEquals(new int[] {512, 512},
        shapes.get("encoder.block.0.layer.0.SelfAttention.k.weight"));
    assertArrayEquals(new int[] {128, 512},
        shapes.get("decoder.block.0.layer.0.SelfAttention.k.weight"));
    assertArrayEquals(new int[] {128, 512},
        shapes.get("decoder.block.3.layer.1.EncDecAttention.v.weight"));
    assertArrayEquals(new int[] {512, 512},
        shapes.get("decoder.block.3.layer.1.EncDecAttention.q.weight"));
    assertArrayEquals(new int[] {32, 8},
        shapes.get("decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"));
  }

  @Test
  void untiedGatedNames() {
    T5Config config = T5Config.multiHead(100, 16, 4, 32, 1, 1, 4, FeedForwardKind.GATED_GELU,
        false);
    Map<String, int[]> shapes = shapes(config);
    assertArrayEquals(new int[] {100, 16}, shapes.get("lm_head.weight"));
    assertArrayEquals(new int[] {32, 16},
        shapes.get("encoder.block.0.layer.1.DenseReluDense.wi_0.weight"));
    assertArrayEquals(new int[] {32, 16},
        shapes.get("decoder.block.0.layer.2.DenseReluDense.wi_1.weight"));
    assertFalse(shapes.containsKey("encoder.block.0.layer.1.DenseReluDense.wi.weight"));
  }
}
