package org.gqaspark.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Names and shapes of every parameter of a T5 model with grouped-query attention, in the
 * order of Hugging Face's {@code T5ForConditionalGeneration.state_dict()}. Dimensions: V
 * vocabulary, d_model model width, H query heads, H_kv key/value heads of the layer's
 * attention kind, d_kv head width, d_ff feed-forward width.
 *
 * <p>Hugging Face's state dict also lists {@code encoder.embed_tokens.weight} and
 * {@code decoder.embed_tokens.weight}; both are the same tensor as {@code shared.weight},
 * so the layout lists only {@code shared.weight}.
 */
public final class T5ParameterLayout {

  public static final String SHARED = "shared.weight";
  public static final String LM_HEAD = "lm_head.weight";
  public static final String ENCODER = "encoder";
  public static final String DECODER = "decoder";

  private T5ParameterLayout() {}

  /** Returns every parameter of a model with this config, in state-dict order. */
  public static List<ParameterSpec> of(T5Config config) {
    List<ParameterSpec> specs = new ArrayList<>();
    int dModel = config.dModel();
    specs.add(new ParameterSpec(SHARED, new int[] {config.vocabSize(), dModel}));
    for (int i = 0; i < config.numLayers(); i++) {
      addAttention(specs, config, ENCODER, i, 0, AttentionKind.ENCODER_SELF);
      addFeedForward(specs, config, ENCODER, i, 1);
    }
    specs.add(new ParameterSpec(finalLayerNorm(ENCODER), new int[] {dModel}));
    for (int i = 0; i < config.numDecoderLayers(); i++) {
      addAttention(specs, config, DECODER, i, 0, AttentionKind.DECODER_SELF);
      addAttention(specs, config, DECODER, i, 1, AttentionKind.CROSS);
      addFeedForward(specs, config, DECODER, i, 2);
    }
    specs.add(new ParameterSpec(finalLayerNorm(DECODER), new int[] {dModel}));
    if (!config.tieWordEmbeddings()) {
      specs.add(new ParameterSpec(LM_HEAD, new int[] {config.vocabSize(), dModel}));
    }
    return specs;
  }

  /** Prefix of one sublayer, for example {@code decoder.block.3.layer.1}. */
  public static String sublayer(String stack, int block, int layer) {
    return stack + ".block." + block + ".layer." + layer;
  }

  /** Module name of an attention layer: SelfAttention, or EncDecAttention for cross-attention. */
  public static String attentionModule(AttentionKind kind) {
    return kind == AttentionKind.CROSS ? "EncDecAttention" : "SelfAttention";
  }

  /** Name of one projection weight: {@code projection} is q, k, v or o. */
  public static String attentionWeight(String stack, int block, int layer, AttentionKind kind,
      String projection) {
    return sublayer(stack, block, layer) + "." + attentionModule(kind) + "." + projection
        + ".weight";
  }

  /** Name of the relative position bias table, which block 0 of each stack owns. */
  public static String relativeAttentionBias(String stack) {
    return sublayer(stack, 0, 0) + ".SelfAttention.relative_attention_bias.weight";
  }

  public static String layerNorm(String stack, int block, int layer) {
    return sublayer(stack, block, layer) + ".layer_norm.weight";
  }

  /** Name of a feed-forward weight: {@code projection} is wi, wi_0, wi_1 or wo. */
  public static String feedForwardWeight(String stack, int block, int layer, String projection) {
    return sublayer(stack, block, layer) + ".DenseReluDense." + projection + ".weight";
  }

  public static String finalLayerNorm(String stack) {
    return stack + ".final_layer_norm.weight";
  }

  private static void addAttention(List<ParameterSpec> specs, T5Config config, String stack,
      int block, int layer, AttentionKind kind) {
    int dModel = config.dModel();
    int queryWidth = config.numHeads() * config.dKv();
    int keyValueWidth = config.keyValueHeads(kind) * config.dKv();
    specs.add(new ParameterSpec(attentionWeight(stack, block, layer, kind, "q"),
        new int[] {queryWidth, dModel}));
    specs.add(new ParameterSpec(attentionWeight(stack, block, layer, kind, "k"),
        new int[] {keyValueWidth, dModel}));
    specs.add(new ParameterSpec(attentionWeight(stack, block, layer, kind, "v"),
        new int[] {keyValueWidth, dModel}));
    specs.add(new ParameterSpec(attentionWeight(stack, block, layer, kind, "o"),
        new int[] {dModel, queryWidth}));
    if (block == 0 && kind != AttentionKind.CROSS) {
      specs.add(new ParameterSpec(relativeAttentionBias(stack),
          new int[] {config.relativeAttentionNumBuckets(), config.numHeads()}));
    }
    specs.add(new ParameterSpec(layerNorm(stack, block, layer), new int[] {dModel}));
  }

  private static void addFeedForward(List<ParameterSpec> specs, T5Config config, String stack,
      int block, int layer) {
    int dModel = config.dModel();
    int dFf = config.dFf();
    if (config.feedForwardProj().gated()) {
      specs.add(new ParameterSpec(feedForwardWeight(stack, block, layer, "wi_0"),
          new int[] {dFf, dModel}));
      specs.add(new ParameterSpec(feedForwardWeight(stack, block, layer, "wi_1"),
          new int[] {dFf, dModel}));
    } else {
      specs.add(new ParameterSpec(feedForwardWeight(stack, block, layer, "wi"),
          new int[] {dFf, dModel}));
    }
    specs.add(new ParameterSpec(feedForwardWeight(stack, block, layer, "wo"),
        new int[] {dModel, dFf}));
    specs.add(new ParameterSpec(layerNorm(stack, block, layer), new int[] {dModel}));
  }
}
