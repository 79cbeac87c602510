package org.gqaspark.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.EnumSet;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.gqaspark.checkpoint.CheckpointMarker;
import org.gqaspark.checkpoint.DType;
import org.gqaspark.checkpoint.ExistingDirectory;
import org.gqaspark.checkpoint.FloatTensor;
import org.gqaspark.checkpoint.LoadedCheckpoint;
import org.gqaspark.checkpoint.ModelCheckpoint;
import org.gqaspark.checkpoint.TestTensors;
import org.gqaspark.checkpoint.WriteOptions;
import org.gqaspark.model.AttentionKind;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.T5Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointConversionTest {

  private static final T5Config MHA =
      T5Config.multiHead(12, 8, 2, 16, 2, 2, 4, FeedForwardKind.GATED_GELU, false);

  @TempDir
  java.nio.file.Path tmp;

  private final FileSystem fs = TestTensors.localFs();

  private Path source() throws Exception {
    Path dir = TestTensors.path(tmp.resolve("mha"));
    ModelCheckpoint.save(fs, dir, MHA, TestTensors.randomModel(MHA, 2), WriteOptions.defaults(),
        ExistingDirectory.FAIL_IF_NOT_EMPTY);
    Files.writeString(tmp.resolve("mha/spiece.model"), "tokenizer bytes");
    return dir;
  }

  @Test
  void outputLoadsWithUpdatedConfig() throws Exception {
    Path target = TestTensors.path(tmp.resolve("gqa"));

    CheckpointConversion.run(new Configuration(), source(), target,
        ConversionOptions.meanPool(2), WriteOptions.defaults(),
        ExistingDirectory.FAIL_IF_NOT_EMPTY);
    LoadedCheckpoint loaded = ModelCheckpoint.load(fs, target);

    assertEquals(2, loaded.config().numKeyValueHeads());
    assertEquals(EnumSet.of(AttentionKind.DECODER_SELF, AttentionKind.CROSS),
        loaded.config().gqaAttentionKinds());
    assertEquals(MHA.withKeyValueHeads(2), loaded.config());
    assertEquals(4, loaded.tensors().get("decoder.block.1.layer.1.EncDecAttention.k.weight")
        .dim(0));
  }

  @Test
  void outputMatchesInMemoryConversion() throws Exception {
    Path from = source();
    Path target = TestTensors.path(tmp.resolve("gqa"));

    CheckpointConversion.run(new Configuration(), from, target, ConversionOptions.meanPool(1),
        WriteOptions.defaults(), ExistingDirectory.FAIL_IF_NOT_EMPTY);

    LoadedCheckpoint original = ModelCheckpoint.load(fs, from);
    Map<String, FloatTensor> expected = GqaConversion.convert(original.config(),
        original.tensors(), ConversionOptions.meanPool(1)).tensors();
    assertEquals(expected, ModelCheckpoint.load(fs, target).tensors());
  }

  @Test
  void outputCopiesTokenizerAndCommits() throws Exception {
    Path target = TestTensors.path(tmp.resolve("gqa"));

    CheckpointMarker marker = CheckpointConversion.run(new Configuration(), source(), target,
        ConversionOptions.meanPool(2), WriteOptions.defaults().withDtype(DType.BF16),
        ExistingDirectory.FAIL_IF_NOT_EMPTY);

    assertEquals("tokenizer bytes", Files.readString(tmp.resolve("gqa/spiece.model")));
    assertTrue(Files.exists(tmp.resolve("gqa/_COMPLETE")));
    assertEquals(0, marker.step());
    assertEquals(3, marker.files().size());
  }
}
