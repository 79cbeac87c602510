package org.gqaspark.jobs.bench;

import java.util.List;
import java.util.Map;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.T5Config;

/**
 * A model and batch shape of {@code gqa bench train}. The same shapes are defined in
 * {@code scripts/reference/torch_train_bench.py} for the PyTorch baseline.
 *
 * @param name "tiny" or "t5-small"
 * @param layers encoder layers, and as many decoder layers
 * @param length source and target length
 */
record TrainBenchShape(String name, int dModel, int dFf, int heads, int dKv, int layers,
    int vocabSize, int batch, int length) {

  static final TrainBenchShape TINY =
      new TrainBenchShape("tiny", 256, 1024, 8, 32, 4, 16000, 16, 64);
  static final TrainBenchShape T5_SMALL =
      new TrainBenchShape("t5-small", 512, 2048, 8, 64, 6, 32128, 8, 128);
  static final List<TrainBenchShape> ALL = List.of(TINY, T5_SMALL);

  /** Returns the shape of that name. */
  static TrainBenchShape byName(String name) {
    for (TrainBenchShape shape : ALL) {
      if (shape.name.equals(name)) {
        return shape;
      }
    }
    throw BenchErrors.invalidOption("--shapes", name, "tiny or t5-small");
  }

  /**
   * Returns the config: ReLU feed-forward, tied embeddings, dropout 0.1 (Hugging Face's
   * default), and {@code keyValueHeads} key/value heads in decoder self-attention and
   * cross-attention.
   */
  T5Config config(int keyValueHeads) {
    return new T5Config(vocabSize, dModel, dKv, dFf, layers, layers, heads, keyValueHeads,
        T5Config.DEFAULT_GQA_ATTENTION_KINDS, 32, 128, 0.1, 1e-6, FeedForwardKind.RELU, true,
        0, 1, 0, 1.0, Map.of());
  }

  /** Target tokens of one batch: B * T_dec. */
  int targetTokens() {
    return batch * length;
  }
}
