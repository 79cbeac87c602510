package org.gqaspark.training;

import org.gqaspark.model.AttentionKind;
import org.gqaspark.model.T5Config;

/** Describes a model's shape in one line, for logs and the runs table. */
public final class ModelShapes {

  private ModelShapes() {}

  /**
   * Returns, for example, "d_model 256, d_ff 1024, d_kv 32, 8 heads, 2 key/value heads in
   * [DECODER_SELF, CROSS], 4+4 layers, vocab 16000, relu, dropout 0.1".
   */
  public static String describe(T5Config config) {
    String heads = config.numHeads() + " heads, ";
    if (!config.isMultiHead()) {
      heads += config.numKeyValueHeads() + " key/value heads in "
          + config.gqaAttentionKinds() + ", ";
    }
    return "d_model " + config.dModel() + ", d_ff " + config.dFf() + ", d_kv " + config.dKv()
        + ", " + heads + config.numLayers() + "+" + config.numDecoderLayers() + " layers, vocab "
        + config.vocabSize() + ", " + config.feedForwardProj().jsonName() + ", dropout "
        + config.dropoutRate();
  }

  /** Returns the key/value heads of the decoder self-attention, the layers GQA targets. */
  public static int keyValueHeads(T5Config config) {
    return config.keyValueHeads(AttentionKind.DECODER_SELF);
  }
}
