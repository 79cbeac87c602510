package org.gqaspark.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.ForwardMode;
import org.gqaspark.model.ParameterSpec;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.Seq2SeqBatch;
import org.gqaspark.model.T5Config;
import org.gqaspark.model.T5Initializer;
import org.gqaspark.model.T5Model;
import org.gqaspark.model.T5ParameterLayout;
import org.gqaspark.model.compute.FloatCompute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class T5CheckpointsTest {

  private static final T5Config GQA = T5Config.multiHead(64, 16, 4, 24, 2, 2, 4,
      FeedForwardKind.GATED_GELU, false).withKeyValueHeads(2).withDropoutRate(0);

  @Test
  void layoutMatchesCheckpointShapes() {
    Map<String, int[]> expected = T5ParameterShapes.expected(GQA);
    int index = 0;
    for (ParameterSpec spec : T5ParameterLayout.of(GQA)) {
      String name = expected.keySet().toArray(new String[0])[index++];
      assertEquals(name, spec.name());
      assertArrayEquals(expected.get(name), spec.shape(), name);
    }
    assertEquals(expected.size(), index);
  }

  @Test
  void saveLoadReproducesLogitsBitForBit(@TempDir Path dir) throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    org.apache.hadoop.fs.Path checkpoint = new org.apache.hadoop.fs.Path(dir.toUri());
    Seq2SeqBatch batch = Seq2SeqBatch.fromLabels(/* batchSize */ 2, /* sourceLength */ 4,
        /* targetLength */ 3,
        new int[] {5, 9, 13, 1, 7, 3, 1, 0},
        new int[] {1, 1, 1, 1, 1, 1, 1, 0},
        new int[] {8, 2, 1, 4, 1, Seq2SeqBatch.IGNORE_INDEX},
        /* decoderAttentionMask */ null, GQA);

    float[] before;
    try (FloatCompute compute = FloatCompute.withThreads(1)) {
      ParameterStore store = ParameterStore.forModel(GQA, compute);
      T5Initializer.initialize(store, GQA, /* seed */ 17L);
      T5Model model = new T5Model(GQA, store);
      model.forward(batch, ForwardMode.EVAL);
      before = compute.toFloats(model.logits());
      T5Checkpoints.save(fs, checkpoint, GQA, store, WriteOptions.defaults(),
          ExistingDirectory.FAIL_IF_NOT_EMPTY);
    }

    float[] after;
    try (FloatCompute compute = FloatCompute.withThreads(1)) {
      T5Checkpoints.LoadedModel loaded = T5Checkpoints.load(fs, checkpoint, compute);
      T5Model model = new T5Model(loaded.config(), loaded.parameters());
      model.forward(batch, ForwardMode.EVAL);
      after = compute.toFloats(model.logits());
      assertEquals(GQA, loaded.config());
    }

    assertArrayEquals(floatBits(before), floatBits(after));
  }

  @Test
  void toStoreRejectsWrongShape() {
    Map<String, FloatTensor> tensors = new HashMap<>();
    for (ParameterSpec spec : T5ParameterLayout.of(GQA)) {
      tensors.put(spec.name(), FloatTensor.zeros(spec.shape()));
    }
    String key = "decoder.block.0.layer.0.SelfAttention.k.weight";
    tensors.put(key, FloatTensor.zeros(16, 16));

    try (FloatCompute compute = FloatCompute.withThreads(1)) {
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
          () -> T5Checkpoints.toStore(GQA, tensors, compute));
      assertEquals("Tensor " + key + " is of shape [16, 16] but the model needs shape [8, 16]."
          + " Pass tensors through T5ParameterShapes.canonicalize for the model's config"
          + " first.", error.getMessage());
    }
  }

  private static int[] floatBits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }
}
