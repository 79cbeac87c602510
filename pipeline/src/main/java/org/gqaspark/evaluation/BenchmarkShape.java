package org.gqaspark.evaluation;

import java.util.Map;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.T5Config;

/**
 * A model shape to benchmark without a checkpoint: random multi-head weights, converted to
 * each number of key/value heads in decoder self-attention and cross-attention.
 *
 * @param dModel model width
 * @param dFf feed-forward width
 * @param heads query heads per attention layer
 * @param dKv width of one attention head
 * @param layers encoder blocks
 * @param decoderLayers decoder blocks
 * @param vocabSize vocabulary size
 * @param feedForward feed-forward kind
 */
public record BenchmarkShape(int dModel, int dFf, int heads, int dKv, int layers,
    int decoderLayers, int vocabSize, FeedForwardKind feedForward) {

  public BenchmarkShape {
    for (Object[] option : new Object[][] {{"d-model", dModel}, {"d-ff", dFf},
        {"heads", heads}, {"d-kv", dKv}, {"layers", layers},
        {"decoder-layers", decoderLayers}, {"vocab-size", vocabSize}}) {
      if ((int) option[1] < 1) {
        throw EvaluationErrors.invalidSetting((String) option[0], option[1], "at least 1");
      }
    }
    if (vocabSize < 3) {
      throw EvaluationErrors.invalidSetting("vocab-size", vocabSize,
          "at least 3 (pad, end of sequence and one more token)");
    }
    if (feedForward == null) {
      throw EvaluationErrors.invalidSetting("feed-forward", null, "relu or gated-gelu");
    }
  }

  /** Returns the multi-head config: Hugging Face's T5 defaults otherwise, tied embeddings. */
  public T5Config multiHeadConfig() {
    return config(heads);
  }

  /** Returns the config with {@code keyValueHeads} in decoder self- and cross-attention. */
  public T5Config config(int keyValueHeads) {
    return new T5Config(vocabSize, dModel, dKv, dFf, layers, decoderLayers, heads,
        keyValueHeads, T5Config.DEFAULT_GQA_ATTENTION_KINDS, 32, 128, 0.1, 1e-6, feedForward,
        true, 0, 1, 0, 1.0, Map.of());
  }

  /** Returns the shape of a config. */
  public static BenchmarkShape of(T5Config config) {
    return new BenchmarkShape(config.dModel(), config.dFf(), config.numHeads(), config.dKv(),
        config.numLayers(), config.numDecoderLayers(), config.vocabSize(),
        config.feedForwardProj());
  }

  /** Returns the shape as a JSON-ready map. */
  public Map<String, Object> toMap() {
    return Map.of("d_model", dModel, "d_ff", dFf, "heads", heads, "d_kv", dKv,
        "layers", layers, "decoder_layers", decoderLayers, "vocab_size", vocabSize,
        "feed_forward_proj", feedForward.jsonName());
  }
}
