package org.gqaspark.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Shape and hyperparameters of a T5 model, read from and written to Hugging Face's
 * {@code config.json} with its key names, plus two keys for grouped-query attention:
 * {@code num_key_value_heads} (absent means multi-head) and {@code gqa_attention_kinds}, the
 * attention layers that use it (default decoder self-attention and cross-attention, because
 * encoder self-attention processes the whole input at once and is not limited by memory
 * bandwidth).
 *
 * <p>Keys this engine does not use ({@code architectures}, {@code task_specific_params} and
 * so on) are kept in {@link #extra} and written back unchanged. Missing keys take Hugging
 * Face's {@code T5Config} defaults (transformers 4.x), which describe t5-small.
 *
 * @param vocabSize V, rows of the embedding
 * @param dModel width of the residual stream
 * @param dKv width of one attention head
 * @param dFf hidden width of the feed-forward layer
 * @param numLayers encoder blocks
 * @param numDecoderLayers decoder blocks
 * @param numHeads H, query heads per attention layer
 * @param numKeyValueHeads H_kv, key/value heads of the layers in {@code gqaAttentionKinds}
 * @param gqaAttentionKinds attention layers with H_kv key/value heads; the rest have H
 * @param relativeAttentionNumBuckets relative position buckets
 * @param relativeAttentionMaxDistance distance at which the logarithmic buckets end
 * @param dropoutRate dropout probability during training
 * @param layerNormEpsilon epsilon of the RMS norm
 * @param feedForwardProj feed-forward variant
 * @param tieWordEmbeddings whether the LM head shares the embedding (scaled by dModel^-0.5)
 * @param padTokenId pad id, also the decoder start in T5
 * @param eosTokenId end-of-sequence id
 * @param decoderStartTokenId first decoder input id
 * @param initializerFactor scale of Hugging Face's initialisation
 * @param extra other config.json keys, in file order
 */
public record T5Config(
    int vocabSize,
    int dModel,
    int dKv,
    int dFf,
    int numLayers,
    int numDecoderLayers,
    int numHeads,
    int numKeyValueHeads,
    Set<AttentionKind> gqaAttentionKinds,
    int relativeAttentionNumBuckets,
    int relativeAttentionMaxDistance,
    double dropoutRate,
    double layerNormEpsilon,
    FeedForwardKind feedForwardProj,
    boolean tieWordEmbeddings,
    int padTokenId,
    int eosTokenId,
    int decoderStartTokenId,
    double initializerFactor,
    Map<String, JsonNode> extra)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final String KEY_NUM_KEY_VALUE_HEADS = "num_key_value_heads";
  public static final String KEY_GQA_ATTENTION_KINDS = "gqa_attention_kinds";
  public static final String KEY_FEED_FORWARD_PROJ = "feed_forward_proj";

  /** Attention kinds that use H_kv heads when config.json does not say. */
  public static final Set<AttentionKind> DEFAULT_GQA_ATTENTION_KINDS =
      Collections.unmodifiableSet(EnumSet.of(AttentionKind.DECODER_SELF, AttentionKind.CROSS));

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public T5Config {
    requirePositive("vocab_size", vocabSize);
    requirePositive("d_model", dModel);
    requirePositive("d_kv", dKv);
    requirePositive("d_ff", dFf);
    requirePositive("num_layers", numLayers);
    requirePositive("num_decoder_layers", numDecoderLayers);
    requirePositive("num_heads", numHeads);
    requirePositive(KEY_NUM_KEY_VALUE_HEADS, numKeyValueHeads);
    requirePositive("relative_attention_num_buckets", relativeAttentionNumBuckets);
    requirePositive("relative_attention_max_distance", relativeAttentionMaxDistance);
    if (numHeads % numKeyValueHeads != 0) {
      throw ModelErrors.headsNotDivisible(numHeads, numKeyValueHeads);
    }
    if (!(dropoutRate >= 0 && dropoutRate < 1)) {
      throw ModelErrors.invalidConfigValue("dropout_rate", dropoutRate, "in [0, 1)");
    }
    if (!(layerNormEpsilon > 0)) {
      throw ModelErrors.invalidConfigValue("layer_norm_epsilon", layerNormEpsilon,
          "positive");
    }
    if (!(initializerFactor > 0)) {
      throw ModelErrors.invalidConfigValue("initializer_factor", initializerFactor,
          "positive");
    }
    for (int id : new int[] {padTokenId, eosTokenId, decoderStartTokenId}) {
      if (id < 0 || id >= vocabSize) {
        throw ModelErrors.invalidConfigValue("pad/eos/decoder_start token id", id,
            "in [0, vocab_size = " + vocabSize + ")");
      }
    }
    if (feedForwardProj == null) {
      throw ModelErrors.invalidConfigValue(KEY_FEED_FORWARD_PROJ, null,
          "\"relu\" or \"gated-gelu\"");
    }
    gqaAttentionKinds = gqaAttentionKinds.isEmpty()
        ? Collections.unmodifiableSet(EnumSet.noneOf(AttentionKind.class))
        : Collections.unmodifiableSet(EnumSet.copyOf(gqaAttentionKinds));
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** Returns a multi-head config with Hugging Face's key defaults for the other fields. */
  public static T5Config multiHead(
      int vocabSize, int dModel, int dKv, int dFf, int numLayers, int numDecoderLayers,
      int numHeads, FeedForwardKind feedForwardProj, boolean tieWordEmbeddings) {
    return new T5Config(vocabSize, dModel, dKv, dFf, numLayers, numDecoderLayers, numHeads,
        numHeads, DEFAULT_GQA_ATTENTION_KINDS, 32, 128, 0.1, 1e-6, feedForwardProj,
        tieWordEmbeddings, 0, 1, 0, 1.0, Map.of());
  }

  /** Number of key/value heads of one kind of attention layer: H_kv or H. */
  public int keyValueHeads(AttentionKind kind) {
    return gqaAttentionKinds.contains(kind) ? numKeyValueHeads : numHeads;
  }

  /** Query heads that share one key/value head in a layer of this kind. */
  public int groupSize(AttentionKind kind) {
    return numHeads / keyValueHeads(kind);
  }

  /** Width of all query heads together: H * d_kv. */
  public int innerDim() {
    return numHeads * dKv;
  }

  public boolean isMultiHead() {
    return numKeyValueHeads == numHeads || gqaAttentionKinds.isEmpty();
  }

  /** Returns this config with another number of key/value heads, as conversion produces. */
  public T5Config withKeyValueHeads(int kvHeads) {
    return new T5Config(vocabSize, dModel, dKv, dFf, numLayers, numDecoderLayers, numHeads,
        kvHeads, gqaAttentionKinds, relativeAttentionNumBuckets, relativeAttentionMaxDistance,
        dropoutRate, layerNormEpsilon, feedForwardProj, tieWordEmbeddings, padTokenId,
        eosTokenId, decoderStartTokenId, initializerFactor, extra);
  }

  /** Returns this config with other attention kinds using the key/value heads. */
  public T5Config withGqaAttentionKinds(Set<AttentionKind> kinds) {
    return new T5Config(vocabSize, dModel, dKv, dFf, numLayers, numDecoderLayers, numHeads,
        numKeyValueHeads, kinds, relativeAttentionNumBuckets, relativeAttentionMaxDistance,
        dropoutRate, layerNormEpsilon, feedForwardProj, tieWordEmbeddings, padTokenId,
        eosTokenId, decoderStartTokenId, initializerFactor, extra);
  }

  /** Returns this config with another dropout rate (0 for evaluation and gradient checks). */
  public T5Config withDropoutRate(double rate) {
    return new T5Config(vocabSize, dModel, dKv, dFf, numLayers, numDecoderLayers, numHeads,
        numKeyValueHeads, gqaAttentionKinds, relativeAttentionNumBuckets,
        relativeAttentionMaxDistance, rate, layerNormEpsilon, feedForwardProj,
        tieWordEmbeddings, padTokenId, eosTokenId, decoderStartTokenId, initializerFactor,
        extra);
  }

  /**
   * Parses a config.json text.
   *
   * @param source file name or URI for error messages
   * @throws IllegalArgumentException when the text is not a JSON object or a value is
   *     invalid; the message names the key, the value and the requirement
   */
  public static T5Config fromJson(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw ModelErrors.unreadableConfig(source, e);
    }
    if (root == null || !root.isObject()) {
      throw ModelErrors.unreadableConfig(source,
          new IllegalArgumentException("the top level is not an object"));
    }
    try {
      return fromJsonObject(new ConfigReader((ObjectNode) root));
    } catch (ModelErrors.InvalidConfigException e) {
      throw ModelErrors.inConfigFile(source, e);
    }
  }

  private static T5Config fromJsonObject(ConfigReader in) {
    int numHeads = in.integer("num_heads", 8);
    int numLayers = in.integer("num_layers", 6);
    return new T5Config(
        in.integer("vocab_size", 32128),
        in.integer("d_model", 512),
        in.integer("d_kv", 64),
        in.integer("d_ff", 2048),
        numLayers,
        in.integer("num_decoder_layers", numLayers),
        numHeads,
        in.integer(KEY_NUM_KEY_VALUE_HEADS, numHeads),
        in.attentionKinds(KEY_GQA_ATTENTION_KINDS, DEFAULT_GQA_ATTENTION_KINDS),
        in.integer("relative_attention_num_buckets", 32),
        in.integer("relative_attention_max_distance", 128),
        in.real("dropout_rate", 0.1),
        in.real("layer_norm_epsilon", 1e-6),
        FeedForwardKind.fromJsonName(in.text(KEY_FEED_FORWARD_PROJ, "relu")),
        in.bool("tie_word_embeddings", true),
        in.integer("pad_token_id", 0),
        in.integer("eos_token_id", 1),
        in.integer("decoder_start_token_id", 0),
        in.real("initializer_factor", 1.0),
        in.remaining());
  }

  /** Writes config.json text: the engine's keys, then the kept {@link #extra} keys. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("model_type", "t5");
    root.put("vocab_size", vocabSize);
    root.put("d_model", dModel);
    root.put("d_kv", dKv);
    root.put("d_ff", dFf);
    root.put("num_layers", numLayers);
    root.put("num_decoder_layers", numDecoderLayers);
    root.put("num_heads", numHeads);
    root.put(KEY_NUM_KEY_VALUE_HEADS, numKeyValueHeads);
    ArrayNode kinds = root.putArray(KEY_GQA_ATTENTION_KINDS);
    for (AttentionKind kind : gqaAttentionKinds) {
      kinds.add(kind.jsonName());
    }
    root.put("relative_attention_num_buckets", relativeAttentionNumBuckets);
    root.put("relative_attention_max_distance", relativeAttentionMaxDistance);
    root.put("dropout_rate", dropoutRate);
    root.put("layer_norm_epsilon", layerNormEpsilon);
    root.put(KEY_FEED_FORWARD_PROJ, feedForwardProj.jsonName());
    root.put("tie_word_embeddings", tieWordEmbeddings);
    root.put("pad_token_id", padTokenId);
    root.put("eos_token_id", eosTokenId);
    root.put("decoder_start_token_id", decoderStartTokenId);
    root.put("initializer_factor", initializerFactor);
    for (Map.Entry<String, JsonNode> entry : extra.entrySet()) {
      if (!root.has(entry.getKey())) {
        root.set(entry.getKey(), entry.getValue());
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not serialise a model config", e);
    }
  }

  private static void requirePositive(String key, int value) {
    if (value <= 0) {
      throw ModelErrors.invalidConfigValue(key, value, "a positive integer");
    }
  }

  /** Reads typed values from a config.json object, removing each key it reads. */
  private static final class ConfigReader {
    private final ObjectNode node;

    ConfigReader(ObjectNode node) {
      this.node = node.deepCopy();
    }

    int integer(String key, int fallback) {
      JsonNode value = take(key);
      if (value == null) {
        return fallback;
      }
      if (!value.canConvertToInt() || !value.isIntegralNumber()) {
        throw ModelErrors.invalidConfigValue(key, value, "an integer");
      }
      return value.intValue();
    }

    double real(String key, double fallback) {
      JsonNode value = take(key);
      if (value == null) {
        return fallback;
      }
      if (!value.isNumber()) {
        throw ModelErrors.invalidConfigValue(key, value, "a number");
      }
      return value.doubleValue();
    }

    boolean bool(String key, boolean fallback) {
      JsonNode value = take(key);
      if (value == null) {
        return fallback;
      }
      if (!value.isBoolean()) {
        throw ModelErrors.invalidConfigValue(key, value, "true or false");
      }
      return value.booleanValue();
    }

    String text(String key, String fallback) {
      JsonNode value = take(key);
      if (value == null) {
        return fallback;
      }
      if (!value.isTextual()) {
        throw ModelErrors.invalidConfigValue(key, value, "a string");
      }
      return value.textValue();
    }

    Set<AttentionKind> attentionKinds(String key, Set<AttentionKind> fallback) {
      JsonNode value = take(key);
      if (value == null) {
        return fallback;
      }
      if (!value.isArray()) {
        throw ModelErrors.invalidConfigValue(key, value,
            "a list of encoder_self, decoder_self, cross");
      }
      Set<AttentionKind> kinds = EnumSet.noneOf(AttentionKind.class);
      for (JsonNode item : value) {
        kinds.add(AttentionKind.fromJsonName(item.asText()));
      }
      return kinds;
    }

    Map<String, JsonNode> remaining() {
      Map<String, JsonNode> rest = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        if (!entry.getKey().equals("model_type")) {
          rest.put(entry.getKey(), entry.getValue());
        }
      }
      return rest;
    }

    private JsonNode take(String key) {
      JsonNode value = node.remove(key);
      return value == null || value.isNull() ? null : value;
    }
  }
}
