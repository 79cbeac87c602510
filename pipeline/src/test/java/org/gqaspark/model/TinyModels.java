package org.gqaspark.model;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.gqaspark.model.compute.DoubleTensor;
import org.gqaspark.model.compute.Tensor;

/** Tiny T5 configs and random data for gradient checks and tests of the model. */
final class TinyModels {

  static final int VOCAB = 13;

  private TinyModels() {}

  /**
   * A config with d_model 8, d_kv 3, d_ff 10, 4 query heads, 2 + 2 layers, 8 position
   * buckets up to distance 10 (so 6-position sequences reach the logarithmic buckets).
   */
  static T5Config config(int keyValueHeads, Set<AttentionKind> gqaKinds, FeedForwardKind ff,
      boolean tied, double dropout) {
    return new T5Config(VOCAB, 8, 3, 10, 2, 2, 4, keyValueHeads, gqaKinds, 8, 10, dropout,
        1e-6, ff, tied, 0, 1, 0, 1.0, Map.of());
  }

  static T5Config config(int keyValueHeads, FeedForwardKind ff, boolean tied) {
    return config(keyValueHeads, EnumSet.allOf(AttentionKind.class), ff, tied, 0.0);
  }

  /** Fills a double tensor with N(0, scale^2) values. */
  static void randomize(Tensor tensor, long seed, double scale) {
    double[] data = ((DoubleTensor) tensor).data();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < data.length; i++) {
      data[i] = random.nextGaussian() * scale;
    }
  }

  static double[] randomArray(int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      values[i] = random.nextGaussian();
    }
    return values;
  }

  static double dot(Tensor tensor, double[] weights) {
    double[] data = ((DoubleTensor) tensor).data();
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += data[i] * weights[i];
    }
    return sum;
  }

  static double[] data(Tensor tensor) {
    return ((DoubleTensor) tensor).data();
  }

  /**
   * Returns a batch of 3 rows, 6 source and 5 target positions, with source padding in rows 1 and
   * 2, ignored labels and decoder padding at the end of row 1, and one ignored label in the
   * middle of row 2.
   */
  static Seq2SeqBatch paddedBatch(T5Config config) {
    int[] inputIds = {
        3, 7, 2, 9, 4, 1,
        5, 8, 6, 1, 0, 0,
        11, 1, 0, 0, 0, 0};
    int[] attentionMask = {
        1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 0, 0,
        1, 1, 0, 0, 0, 0};
    int[] labels = {
        4, 12, 6, 2, 1,
        9, 3, 1, -100, -100,
        7, -100, 10, 5, 1};
    int[] decoderMask = {
        1, 1, 1, 1, 1,
        1, 1, 1, 0, 0,
        1, 1, 1, 1, 1};
    return Seq2SeqBatch.fromLabels(3, 6, 5, inputIds, attentionMask, labels, decoderMask,
        config);
  }
}
