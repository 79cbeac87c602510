package org.gqaspark.conversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gqaspark.checkpoint.T5Checkpoints;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.ForwardMode;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.Seq2SeqBatch;
import org.gqaspark.model.T5Config;
import org.gqaspark.model.T5Initializer;
import org.gqaspark.model.T5Model;
import org.gqaspark.model.compute.FloatCompute;
import org.junit.jupiter.api.Test;

/** Conversion checked through the engine's forward pass rather than on weights alone. */
class ConversionLogitsTest {

  private static final T5Config MHA = T5Config.multiHead(50, 16, 4, 24, 2, 2, 4,
      FeedForwardKind.RELU, true).withDropoutRate(0);

  private static final Seq2SeqBatch BATCH = Seq2SeqBatch.fromLabels(/* batchSize */ 2,
      /* sourceLength */ 5, /* targetLength */ 3,
      new int[] {4, 8, 15, 16, 1, 23, 42, 1, 0, 0},
      new int[] {1, 1, 1, 1, 1, 1, 1, 1, 0, 0},
      new int[] {9, 7, 1, 3, 1, Seq2SeqBatch.IGNORE_INDEX},
      /* decoderAttentionMask */ null, MHA);

  @Test
  void allHeadsKeepsLogitsBitForBit() throws Exception {
    try (FloatCompute compute = FloatCompute.withThreads(1)) {
      ParameterStore source = initialized(compute);
      float[] before = logits(MHA, source, compute);

      ConvertedModel converted = GqaConversion.convert(MHA, T5Checkpoints.tensorsOf(source),
          ConversionOptions.meanPool(MHA.numHeads()));
      ParameterStore target = T5Checkpoints.toStore(converted.config(), converted.tensors(),
          compute);
      float[] after = logits(converted.config(), target, compute);

      assertArrayEquals(bits(before), bits(after));
    }
  }

  @Test
  void meanPoolingChangesLogitsButRunsAsGqa() throws Exception {
    try (FloatCompute compute = FloatCompute.withThreads(1)) {
      ParameterStore source = initialized(compute);
      float[] before = logits(MHA, source, compute);

      ConvertedModel converted = GqaConversion.convert(MHA, T5Checkpoints.tensorsOf(source),
          ConversionOptions.meanPool(1));
      ParameterStore target = T5Checkpoints.toStore(converted.config(), converted.tensors(),
          compute);
      float[] after = logits(converted.config(), target, compute);

      assertEquals(1, converted.config().numKeyValueHeads());
      assertEquals(before.length, after.length);
      double maxDifference = 0;
      for (int i = 0; i < before.length; i++) {
        maxDifference = Math.max(maxDifference, Math.abs(before[i] - after[i]));
      }
      assertTrue(maxDifference > 1e-6, "mean pooling to one K/V head left logits unchanged");
    }
  }

  private static ParameterStore initialized(FloatCompute compute) {
    ParameterStore store = ParameterStore.forModel(MHA, compute);
    T5Initializer.initialize(store, MHA, /* seed */ 5L);
    return store;
  }

  private static float[] logits(T5Config config, ParameterStore store, FloatCompute compute) {
    T5Model model = new T5Model(config, store);
    model.forward(BATCH, ForwardMode.EVAL);
    return compute.toFloats(model.logits());
  }

  private static int[] bits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }
}
