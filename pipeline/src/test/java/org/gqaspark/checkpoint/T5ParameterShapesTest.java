package org.gqaspark.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.T5Config;
import org.junit.jupiter.api.Test;

class T5ParameterShapesTest {

  /** V 10, d_model 8, d_kv 2, d_ff 12, 2 + 2 blocks, H 4, H_kv 2 in the decoder. */
  static final T5Config GQA_CONFIG =
      T5Config.multiHead(10, 8, 2, 12, 2, 2, 4, FeedForwardKind.RELU, true)
          .withKeyValueHeads(2);

  @Test
  void expectedCountsParameters() {
    // Shared; encoder: 2 blocks of 8 plus the relative bias, final norm; decoder: 2 blocks
    // of 13 plus the relative bias, final norm.
    assertEquals(1 + 17 + 1 + 27 + 1, T5ParameterShapes.expected(GQA_CONFIG).size());
  }

  @Test
  void expectedShapes() {
    Map<String, int[]> shapes = T5ParameterShapes.expected(GQA_CONFIG);

    assertArrayEquals(new int[] {10, 8}, shapes.get("shared.weight"));
    assertArrayEquals(new int[] {8, 8},
        shapes.get("encoder.block.1.layer.0.SelfAttention.k.weight"));
    assertArrayEquals(new int[] {4, 8},
        shapes.get("decoder.block.1.layer.0.SelfAttention.v.weight"));
    assertArrayEquals(new int[] {4, 8},
        shapes.get("decoder.block.0.layer.1.EncDecAttention.k.weight"));
    assertArrayEquals(new int[] {8, 8},
        shapes.get("decoder.block.0.layer.1.EncDecAttention.q.weight"));
    assertArrayEquals(new int[] {8, 8},
        shapes.get("decoder.block.0.layer.1.EncDecAttention.o.weight"));
    assertArrayEquals(new int[] {32, 4},
        shapes.get("decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"));
    assertArrayEquals(new int[] {12, 8},
        shapes.get("encoder.block.0.layer.1.DenseReluDense.wi.weight"));
    assertArrayEquals(new int[] {8, 12},
        shapes.get("decoder.block.1.layer.2.DenseReluDense.wo.weight"));
    assertArrayEquals(new int[] {8}, shapes.get("decoder.block.1.layer.2.layer_norm.weight"));
    assertArrayEquals(new int[] {8}, shapes.get("encoder.final_layer_norm.weight"));
  }

  @Test
  void expectedOmitsCrossRelativeBias() {
    Map<String, int[]> shapes = T5ParameterShapes.expected(GQA_CONFIG);

    assertFalse(shapes.containsKey(
        "decoder.block.0.layer.1.EncDecAttention.relative_attention_bias.weight"));
    assertFalse(shapes.containsKey(
        "encoder.block.1.layer.0.SelfAttention.relative_attention_bias.weight"));
    assertFalse(shapes.containsKey("lm_head.weight"));
  }

  @Test
  void expectedGatedUntied() {
    T5Config config = T5Config.multiHead(10, 8, 2, 12, 2, 2, 4, FeedForwardKind.GATED_GELU,
        false);

    Map<String, int[]> shapes = T5ParameterShapes.expected(config);

    assertEquals(47 + 1 + 4, shapes.size());
    assertArrayEquals(new int[] {10, 8}, shapes.get("lm_head.weight"));
    assertArrayEquals(new int[] {12, 8},
        shapes.get("decoder.block.1.layer.2.DenseReluDense.wi_1.weight"));
    assertFalse(shapes.containsKey("decoder.block.1.layer.2.DenseReluDense.wi.weight"));
  }

  @Test
  void expectedFollowsStateDictOrder() {
    List<String> names = List.copyOf(T5ParameterShapes.expected(GQA_CONFIG).keySet());

    assertEquals(List.of("shared.weight",
        "encoder.block.0.layer.0.SelfAttention.q.weight",
        "encoder.block.0.layer.0.SelfAttention.k.weight",
        "encoder.block.0.layer.0.SelfAttention.v.weight",
        "encoder.block.0.layer.0.SelfAttention.o.weight",
        "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
        "encoder.block.0.layer.0.layer_norm.weight",
        "encoder.block.0.layer.1.DenseReluDense.wi.weight",
        "encoder.block.0.layer.1.DenseReluDense.wo.weight",
        "encoder.block.0.layer.1.layer_norm.weight"), names.subList(0, 10));
    assertEquals("decoder.final_layer_norm.weight", names.get(names.size() - 1));
  }

  @Test
  void checkAcceptsExactShapes() {
    ShapeReport report = T5ParameterShapes.check(GQA_CONFIG,
        T5ParameterShapes.shapesOf(TestTensors.randomModel(GQA_CONFIG, 1)));

    assertTrue(report.isValid());
  }

  @Test
  void checkNamesMismatch() {
    Map<String, FloatTensor> tensors = TestTensors.randomModel(GQA_CONFIG, 1);
    tensors.put("decoder.block.1.layer.0.SelfAttention.k.weight", FloatTensor.zeros(8, 8));

    ShapeReport report = T5ParameterShapes.check(GQA_CONFIG,
        T5ParameterShapes.shapesOf(tensors));

    assertEquals(List.of("tensor decoder.block.1.layer.0.SelfAttention.k.weight has shape"
        + " [8, 8] but the config implies [4, 8]"), report.problems());
  }

  @Test
  void checkNamesMissingAndUnexpected() {
    Map<String, FloatTensor> tensors = TestTensors.randomModel(GQA_CONFIG, 1);
    tensors.remove("encoder.final_layer_norm.weight");
    tensors.put("decoder.block.0.layer.1.EncDecAttention.relative_attention_bias.weight",
        FloatTensor.zeros(32, 4));

    ShapeReport report = T5ParameterShapes.check(GQA_CONFIG,
        T5ParameterShapes.shapesOf(tensors));

    assertEquals(List.of("missing tensor encoder.final_layer_norm.weight of shape [8]",
        "unexpected tensor decoder.block.0.layer.1.EncDecAttention.relative_attention_bias"
            + ".weight, which the config does not imply"), report.problems());
  }

  @Test
  void checkAcceptsAliases() {
    Map<String, FloatTensor> tensors = TestTensors.randomModel(GQA_CONFIG, 1);
    tensors.put("encoder.embed_tokens.weight", tensors.get("shared.weight"));
    tensors.put("lm_head.weight", tensors.get("shared.weight"));

    ShapeReport report = T5ParameterShapes.check(GQA_CONFIG,
        T5ParameterShapes.shapesOf(tensors));

    assertTrue(report.isValid());
    assertEquals(List.of("encoder.embed_tokens.weight", "lm_head.weight"), report.aliases());
  }

  @Test
  void checkRejectsAliasOfWrongShape() {
    Map<String, FloatTensor> tensors = TestTensors.randomModel(GQA_CONFIG, 1);
    tensors.put("decoder.embed_tokens.weight", FloatTensor.zeros(10, 4));

    ShapeReport report = T5ParameterShapes.check(GQA_CONFIG,
        T5ParameterShapes.shapesOf(tensors));

    assertEquals(List.of("tensor decoder.embed_tokens.weight has shape [10, 4] but the config"
        + " implies [10, 8]"), report.problems());
  }

  @Test
  void canonicalizeUsesAliasForShared() throws Exception {
    Map<String, FloatTensor> tensors = TestTensors.randomModel(GQA_CONFIG, 1);
    FloatTensor shared = tensors.remove("shared.weight");
    Map<String, FloatTensor> withAlias = new LinkedHashMap<>(tensors);
    withAlias.put("decoder.embed_tokens.weight", shared);

    Map<String, FloatTensor> canonical =
        T5ParameterShapes.canonicalize(GQA_CONFIG, withAlias, "memory");

    assertSame(shared, canonical.get("shared.weight"));
    assertFalse(canonical.containsKey("decoder.embed_tokens.weight"));
    assertEquals(List.copyOf(T5ParameterShapes.expected(GQA_CONFIG).keySet()),
        List.copyOf(canonical.keySet()));
  }

  @Test
  void canonicalizeRejectsWithEveryProblem() {
    Map<String, FloatTensor> tensors = TestTensors.randomModel(GQA_CONFIG, 1);
    tensors.put("decoder.block.0.layer.0.SelfAttention.q.weight", FloatTensor.zeros(4, 8));
    tensors.remove("decoder.final_layer_norm.weight");

    String message = assertThrows(InvalidCheckpointException.class,
        () -> T5ParameterShapes.canonicalize(GQA_CONFIG, tensors, "dir")).getMessage();

    assertEquals("Checkpoint dir does not match its config (vocab_size 10, d_model 8, d_kv 2,"
        + " d_ff 12, num_heads 4, num_key_value_heads 2, layers 2+2): 2 problems:\n"
        + "  - tensor decoder.block.0.layer.0.SelfAttention.q.weight has shape [4, 8] but the"
        + " config implies [8, 8]\n"
        + "  - missing tensor decoder.final_layer_norm.weight of shape [8]\n"
        + "Use the config.json the weights were written with, or convert the weights to this"
        + " config.", message);
  }
}
