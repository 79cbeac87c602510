package org.gqaspark.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.T5Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {

  @TempDir
  java.nio.file.Path tmp;

  private final FileSystem fs = TestTensors.localFs();

  private Path dir() {
    return new Path(TestTensors.path(tmp), "model");
  }

  @Test
  void saveLoadRoundTrip() throws Exception {
    T5Config config = T5ParameterShapesTest.GQA_CONFIG;
    Map<String, FloatTensor> tensors = TestTensors.randomModel(config, 3);

    ModelCheckpoint.save(fs, dir(), config, tensors, WriteOptions.defaults(),
        ExistingDirectory.FAIL_IF_NOT_EMPTY);
    LoadedCheckpoint loaded = ModelCheckpoint.load(fs, dir());

    assertEquals(config, loaded.config());
    assertEquals(tensors, loaded.tensors());
    assertEquals(List.copyOf(tensors.keySet()), List.copyOf(loaded.tensors().keySet()));
  }

  @Test
  void shardedGatedUntiedRoundTrip() throws Exception {
    T5Config config = T5Config.multiHead(10, 8, 2, 12, 2, 2, 4, FeedForwardKind.GATED_GELU,
        false);
    Map<String, FloatTensor> tensors = TestTensors.randomModel(config, 4);

    ModelCheckpoint.save(fs, dir(), config, tensors,
        WriteOptions.defaults().withMaxShardBytes(1000), ExistingDirectory.FAIL_IF_NOT_EMPTY);
    LoadedCheckpoint loaded = ModelCheckpoint.load(fs, dir());

    assertTrue(Files.exists(tmp.resolve("model/model.safetensors.index.json")));
    assertEquals(tensors, loaded.tensors());
  }

  @Test
  void configWrittenAsHuggingFaceJson() throws Exception {
    T5Config config = T5ParameterShapesTest.GQA_CONFIG;

    ModelCheckpoint.save(fs, dir(), config, TestTensors.randomModel(config, 3),
        WriteOptions.defaults(), ExistingDirectory.FAIL_IF_NOT_EMPTY);

    assertEquals(config.toJson(), Files.readString(tmp.resolve("model/config.json")));
  }

  @Test
  void loadAcceptsEmbeddingAliases() throws Exception {
    T5Config config = T5ParameterShapesTest.GQA_CONFIG;
    Map<String, FloatTensor> tensors = TestTensors.randomModel(config, 3);
    Map<String, FloatTensor> withAliases = new LinkedHashMap<>(tensors);
    withAliases.put("encoder.embed_tokens.weight", tensors.get("shared.weight"));
    withAliases.put("decoder.embed_tokens.weight", tensors.get("shared.weight"));
    Files.createDirectories(tmp.resolve("model"));
    Files.writeString(tmp.resolve("model/config.json"), config.toJson());
    SafetensorsWriter.write(fs, new Path(dir(), "model.safetensors"), withAliases, DType.F32,
        WriteOptions.HUGGING_FACE_METADATA);

    LoadedCheckpoint loaded = ModelCheckpoint.load(fs, dir());

    assertEquals(tensors, loaded.tensors());
  }

  @Test
  void loadRejectsShapeMismatch() throws Exception {
    T5Config config = T5ParameterShapesTest.GQA_CONFIG;
    Map<String, FloatTensor> tensors = TestTensors.randomModel(config, 3);
    ModelCheckpoint.save(fs, dir(), config, tensors, WriteOptions.defaults(),
        ExistingDirectory.FAIL_IF_NOT_EMPTY);
    // The same weights described as multi-head: the decoder K/V rows no longer fit.
    Files.writeString(tmp.resolve("model/config.json"), config.withKeyValueHeads(4).toJson());
    Files.delete(tmp.resolve("model/_COMPLETE"));

    String message = assertThrows(InvalidCheckpointException.class,
        () -> ModelCheckpoint.load(fs, dir())).getMessage();

    assertTrue(message.contains("does not match its config (vocab_size 10, d_model 8, d_kv 2,"
        + " d_ff 12, num_heads 4, num_key_value_heads 4, layers 2+2): 8 problems:\n"
        + "  - tensor decoder.block.0.layer.0.SelfAttention.k.weight has shape [4, 8] but the"
        + " config implies [8, 8]\n"), message);
  }

  @Test
  void saveRejectsShapeMismatch() {
    T5Config config = T5ParameterShapesTest.GQA_CONFIG;
    Map<String, FloatTensor> tensors = TestTensors.randomModel(config, 3);
    tensors.put("shared.weight", FloatTensor.zeros(11, 8));

    assertThrows(InvalidCheckpointException.class, () -> ModelCheckpoint.save(fs, dir(),
        config, tensors, WriteOptions.defaults(), ExistingDirectory.FAIL_IF_NOT_EMPTY));
  }

  @Test
  void loadRejectsFileChangedAfterCommit() throws Exception {
    T5Config config = T5ParameterShapesTest.GQA_CONFIG;
    ModelCheckpoint.save(fs, dir(), config, TestTensors.randomModel(config, 3),
        WriteOptions.defaults(), ExistingDirectory.FAIL_IF_NOT_EMPTY);
    Files.writeString(tmp.resolve("model/config.json"), config.toJson() + " ");

    String message = assertThrows(InvalidCheckpointException.class,
        () -> ModelCheckpoint.load(fs, dir())).getMessage();

    assertTrue(message.startsWith("Checkpoint " + dir() + " does not match its _COMPLETE"
        + " marker: file config.json has "), message);
  }

  @Test
  void loadWithoutConfigRejected() throws Exception {
    Files.createDirectories(tmp.resolve("model"));

    String message = assertThrows(InvalidCheckpointException.class,
        () -> ModelCheckpoint.load(fs, dir())).getMessage();

    assertEquals("Checkpoint " + dir() + " has no config.json. Copy the config.json of the"
        + " model beside its weights.", message);
  }
}
