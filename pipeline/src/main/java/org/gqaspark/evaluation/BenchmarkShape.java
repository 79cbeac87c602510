package org.gqaspark.jobs.bench;

import java.util.Map;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.T5Config;

/**
 * The model shape of {@code gqa bench decode} when no checkpoint is given: random weights
 * with {@code keyValueHeads} key/value heads in decoder self-attention and cross-attention.
 *
 * @param layers encoder blocks
 * @param decoderLayers decoder blocks
 */
record DecodeBenchShape(int dModel, int dFf, int heads, int dKv, int layers, int decoderLayers,
    int vocabSize, FeedForwardKind feedForward) {

  DecodeBenchShape {
    for (Object[] option : new Object[][] {{"--d-model", dModel}, {"--d-ff", dFf},
        {"--heads", heads}, {"--d-kv", dKv}, {"--layers", layers},
        {"--decoder-layers", decoderLayers}, {"--vocab-size", vocabSize}}) {
      if ((int) option[1] < 1) {
        throw BenchErrors.invalidOption((String) option[0], option[1], "at least 1");
      }
    }
    if (vocabSize < 3) {
      throw BenchErrors.invalidOption("--vocab-size", vocabSize,
          "at least 3 (pad, end of sequence and one more token)");
    }
  }

  /** Returns the config: Hugging Face's T5 defaults otherwise, tied embeddings. */
  T5Config config(int keyValueHeads) {
    return new T5Config(vocabSize, dModel, dKv, dFf, layers, decoderLayers, heads,
        keyValueHeads, T5Config.DEFAULT_GQA_ATTENTION_KINDS, 32, 128, 0.1, 1e-6, feedForward,
        true, 0, 1, 0, 1.0, Map.of());
  }

  /** The shape as a JSON-ready map. */
  Map<String, Object> toMap() {
    return Map.of("d_model", dModel, "d_ff", dFf, "heads", heads, "d_kv", dKv,
        "layers", layers, "decoder_layers", decoderLayers, "vocab_size", vocabSize,
        "feed_forward_proj", feedForward.jsonName());
  }
}
