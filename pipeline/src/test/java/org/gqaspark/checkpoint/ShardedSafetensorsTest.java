package org.gqaspark.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardedSafetensorsTest {

  @TempDir
  java.nio.file.Path tmp;

  private final FileSystem fs = TestTensors.localFs();

  /** Five tensors of 16, 16, 40, 8 and 8 bytes in F32. */
  private static Map<String, FloatTensor> tensors() {
    Random random = new Random(5);
    Map<String, FloatTensor> tensors = new LinkedHashMap<>();
    tensors.put("e.weight", TestTensors.random(random, 2, 2));
    tensors.put("d.weight", TestTensors.random(random, 4));
    tensors.put("c.big", TestTensors.random(random, 10));
    tensors.put("b.bias", TestTensors.random(random, 2));
    tensors.put("a.bias", TestTensors.random(random, 2));
    return tensors;
  }

  private Path dir() {
    return TestTensors.path(tmp);
  }

  private String at(String name) {
    return new Path(dir(), name).toString();
  }

  private List<WrittenFile> writeWithLimit(long maxShardBytes) throws Exception {
    return ShardedSafetensors.write(fs, dir(), "model", tensors(),
        WriteOptions.defaults().withMaxShardBytes(maxShardBytes));
  }

  @Test
  void planFollowsMapOrder() {
    List<List<String>> shards = ShardedSafetensors.planShards(tensors(), 4, 32);

    // 16 + 16 fills the first shard. The 40-byte tensor exceeds the limit, so it gets a shard
    // of its own.
    assertEquals(List.of(List.of("e.weight", "d.weight"), List.of("c.big"),
        List.of("b.bias", "a.bias")), shards);
  }

  @Test
  void writeNamesShardsLikeHuggingFace() throws Exception {
    List<WrittenFile> files = writeWithLimit(32);

    assertEquals(List.of("model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors",
        "model-00003-of-00003.safetensors", "model.safetensors.index.json"),
        files.stream().map(WrittenFile::name).toList());
    assertFalse(Files.exists(tmp.resolve("model.safetensors")));
  }

  @Test
  void indexTextMatchesHuggingFace() throws Exception {
    writeWithLimit(32);

    String expected = """
        {
          "metadata": {
            "total_size": 88
          },
          "weight_map": {
            "a.bias": "model-00003-of-00003.safetensors",
            "b.bias": "model-00003-of-00003.safetensors",
            "c.big": "model-00002-of-00003.safetensors",
            "d.weight": "model-00001-of-00003.safetensors",
            "e.weight": "model-00001-of-00003.safetensors"
          }
        }
        """;
    assertEquals(expected, Files.readString(tmp.resolve("model.safetensors.index.json")));
  }

  @Test
  void shardedReadAllRoundTrips() throws Exception {
    writeWithLimit(32);

    Map<String, FloatTensor> read = ShardedSafetensors.readAll(fs, dir(), "model");

    assertEquals(tensors(), read);
  }

  @Test
  void readSelectedOpensOnlyItsShards() throws Exception {
    writeWithLimit(32);
    Files.delete(tmp.resolve("model-00001-of-00003.safetensors"));
    // The index check requires every shard, so put an empty stand-in back.
    SafetensorsWriter.write(fs, new Path(dir(), "model-00001-of-00003.safetensors"),
        Map.of("d.weight", FloatTensor.zeros(4), "e.weight", FloatTensor.zeros(2, 2)),
        DType.F32, Map.of());

    Map<String, FloatTensor> read = ShardedSafetensors.read(fs, dir(), "model",
        List.of("c.big", "a.bias"));

    assertEquals(tensors().get("c.big"), read.get("c.big"));
    assertEquals(tensors().get("a.bias"), read.get("a.bias"));
    assertEquals(2, read.size());
  }

  @Test
  void oneShardWritesSingleFile() throws Exception {
    List<WrittenFile> files = writeWithLimit(WriteOptions.DEFAULT_MAX_SHARD_BYTES);

    assertEquals(List.of("model.safetensors"), files.stream().map(WrittenFile::name).toList());
    assertEquals(tensors(), ShardedSafetensors.readAll(fs, dir(), "model"));
  }

  @Test
  void singleWriteRemovesStaleIndex() throws Exception {
    writeWithLimit(32);

    writeWithLimit(WriteOptions.DEFAULT_MAX_SHARD_BYTES);

    assertFalse(Files.exists(tmp.resolve("model.safetensors.index.json")));
  }

  @Test
  void listLocatesTensors() throws Exception {
    writeWithLimit(32);

    Map<String, LocatedTensor> listing = ShardedSafetensors.list(fs, dir(), "model");

    assertEquals("model-00002-of-00003.safetensors", listing.get("c.big").file());
    assertEquals(40, listing.get("c.big").entry().byteLength());
    assertEquals(5, listing.size());
  }

  @Test
  void missingShardRejected() throws Exception {
    writeWithLimit(32);
    Files.delete(tmp.resolve("model-00002-of-00003.safetensors"));

    String message = assertThrows(InvalidCheckpointException.class,
        () -> ShardedSafetensors.readAll(fs, dir(), "model")).getMessage();

    assertEquals("Incomplete sharded checkpoint: " + at("model.safetensors.index.json")
        + " lists shard model-00002-of-00003.safetensors (one of 3), which does not exist."
        + " Copy the missing shard beside the index.", message);
  }

  @Test
  void tensorMissingFromShardRejected() throws Exception {
    writeWithLimit(32);
    SafetensorsWriter.write(fs, new Path(dir(), "model-00002-of-00003.safetensors"),
        Map.of("other", FloatTensor.zeros(1)), DType.F32, Map.of());

    String message = assertThrows(InvalidCheckpointException.class,
        () -> ShardedSafetensors.list(fs, dir(), "model")).getMessage();

    assertEquals("Inconsistent sharded checkpoint: " + at("model.safetensors.index.json")
        + " places tensor \"c.big\" in " + at("model-00002-of-00003.safetensors") + ", which"
        + " does not contain it. Write the checkpoint again.", message);
  }

  @Test
  void shardNameWithPathRejected() throws Exception {
    Files.writeString(tmp.resolve("model.safetensors.index.json"),
        "{\"weight_map\": {\"w\": \"../secret.safetensors\"}}");

    String message = assertThrows(InvalidCheckpointException.class,
        () -> ShardedSafetensors.readAll(fs, dir(), "model")).getMessage();

    assertEquals("Invalid checkpoint index " + at("model.safetensors.index.json") + ": tensor"
        + " \"w\" maps to \"../secret.safetensors\", which is not a file name in the same"
        + " directory. Shard names must not contain path separators.", message);
  }

  @Test
  void unknownNameRejected() throws Exception {
    writeWithLimit(32);

    String message = assertThrows(InvalidCheckpointException.class,
        () -> ShardedSafetensors.read(fs, dir(), "model", List.of("z"))).getMessage();

    assertEquals("Checkpoint " + dir() + " has no tensor \"z\" under model (it has 5 tensors)."
        + " Check the name with `gqa checkpoint inspect`.", message);
  }

  @Test
  void noFilesRejected() {
    String message = assertThrows(InvalidCheckpointException.class,
        () -> ShardedSafetensors.readAll(fs, dir(), "model")).getMessage();

    assertTrue(message.startsWith("Checkpoint " + dir() + " has neither model.safetensors nor"
        + " model.safetensors.index.json."), message);
  }

  @Test
  void bf16ShardsHalveBytes() throws Exception {
    List<WrittenFile> files = ShardedSafetensors.write(fs, dir(), "optimizer", tensors(),
        WriteOptions.defaults().withDtype(DType.BF16).withMaxShardBytes(16));

    SafetensorsIndex index = SafetensorsIndex.fromJson(
        Files.readString(tmp.resolve("optimizer.safetensors.index.json")), "index");
    assertEquals(44, index.totalSize());
    assertEquals("optimizer.safetensors.index.json", files.get(files.size() - 1).name());
  }
}
