package org.gqaspark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class T5ConfigTest {

  /** A config.json in Hugging Face's format with t5-v1_1-small's shape (gated GELU, untied head). */
  private static final String T5_V1_1_SMALL = """
      {
        "architectures": ["T5ForConditionalGeneration"],
        "d_ff": 1024,
        "d_kv": 64,
        "d_model": 512,
        "decoder_start_token_id": 0,
        "dropout_rate": 0.1,
        "eos_token_id": 1,
        "feed_forward_proj": "gated-gelu",
        "initializer_factor": 1.0,
        "is_encoder_decoder": true,
        "layer_norm_epsilon": 1e-06,
        "model_type": "t5",
        "num_decoder_layers": 8,
        "num_heads": 6,
        "num_layers": 8,
        "output_past": true,
        "pad_token_id": 0,
        "relative_attention_num_buckets": 32,
        "tie_word_embeddings": false,
        "vocab_size": 32128
      }
      """;

  @Test
  void parsesHuggingFaceConfig() {
    T5Config config = T5Config.fromJson(T5_V1_1_SMALL, "t5-v1_1-small/config.json");

    assertEquals(32128, config.vocabSize());
    assertEquals(1024, config.dFf());
    assertEquals(6, config.numHeads());
    assertEquals(6, config.numKeyValueHeads());
    assertEquals(FeedForwardKind.GATED_GELU, config.feedForwardProj());
    assertEquals(false, config.tieWordEmbeddings());
    assertEquals(128, config.relativeAttentionMaxDistance());
    assertTrue(config.isMultiHead());
  }

  @Test
  void roundTripKeepsUnknownKeys() {
    T5Config config = T5Config.fromJson(T5_V1_1_SMALL, "t5-v1_1-small/config.json")
        .withKeyValueHeads(2);

    T5Config reread = T5Config.fromJson(config.toJson(), "written");

    assertEquals(config, reread);
    assertEquals("T5ForConditionalGeneration",
        reread.extra().get("architectures").get(0).asText());
    assertEquals(2, reread.keyValueHeads(AttentionKind.CROSS));
    assertEquals(6, reread.keyValueHeads(AttentionKind.ENCODER_SELF));
    assertEquals(3, reread.groupSize(AttentionKind.DECODER_SELF));
  }

  @Test
  void attentionKindsRoundTrip() {
    T5Config config = T5Config.multiHead(100, 16, 4, 32, 1, 1, 4, FeedForwardKind.RELU, true)
        .withKeyValueHeads(1)
        .withGqaAttentionKinds(EnumSet.allOf(AttentionKind.class));

    T5Config reread = T5Config.fromJson(config.toJson(), "written");

    assertEquals(EnumSet.allOf(AttentionKind.class), reread.gqaAttentionKinds());
    assertEquals(1, reread.keyValueHeads(AttentionKind.ENCODER_SELF));
  }

  @Test
  void rejectsHeadsNotDivisible() {
    String json = "{\"num_heads\": 8, \"num_key_value_heads\": 3}";

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> T5Config.fromJson(json, "c.json"));

    assertEquals("Invalid model config c.json: num_key_value_heads (3) must divide num_heads"
        + " (8) so that every group has the same number of query heads; choose a divisor of 8."
        + " Fix the value in config.json.", error.getMessage());
  }

  @Test
  void rejectsUnknownFeedForward() {
    String json = "{\"feed_forward_proj\": \"swiglu\"}";

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> T5Config.fromJson(json, "c.json"));

    assertEquals("Invalid model config c.json: \"feed_forward_proj\" must be \"relu\" or"
        + " \"gated-gelu\" but got swiglu. Fix the value in config.json.", error.getMessage());
  }

  @Test
  void rejectsNonObject() {
    assertThrows(IllegalArgumentException.class, () -> T5Config.fromJson("[1, 2]", "c.json"));
  }
}
