package org.gqaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.gqaspark.checkpoint.CheckpointWriter;
import org.gqaspark.checkpoint.ExistingDirectory;
import org.gqaspark.checkpoint.FloatTensor;
import org.gqaspark.checkpoint.ModelCheckpoint;
import org.gqaspark.checkpoint.RunCheckpoints;
import org.gqaspark.checkpoint.TestTensors;
import org.gqaspark.checkpoint.WriteOptions;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.T5Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointCommandTest {

  /** V 10, d_model 8, d_kv 2, d_ff 12, 1 + 1 blocks, H 4, H_kv 2 in the decoder. */
  private static final T5Config CONFIG =
      T5Config.multiHead(10, 8, 2, 12, 1, 1, 4, FeedForwardKind.RELU, true)
          .withKeyValueHeads(2);

  @TempDir
  java.nio.file.Path tmp;

  private final FileSystem fs = TestTensors.localFs();

  private String save(Map<String, FloatTensor> tensors) throws Exception {
    Path dir = TestTensors.path(tmp.resolve("ckpt"));
    ModelCheckpoint.save(fs, dir, CONFIG, tensors, WriteOptions.defaults(),
        ExistingDirectory.FAIL_IF_NOT_EMPTY);
    return tmp.resolve("ckpt").toString();
  }

  @Test
  void inspectPrintsConfigAndTensors() throws Exception {
    CommandRun run = CommandRun.of("checkpoint", "inspect",
        save(TestTensors.randomModel(CONFIG, 1)));

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("Config: vocab_size 10, d_model 8, d_kv 2, d_ff 12, layers"
        + " 1+1, num_heads 4, feed_forward_proj relu, tie_word_embeddings true\n"), run.out());
    assertTrue(run.out().contains("Key/value heads: encoder_self 4, decoder_self 2, cross 2\n"),
        run.out());
    // Columns: the longest name (the relative bias, 68 characters) and shape ([32, 4]).
    assertTrue(run.out().contains(String.format("%-68s  %-5s  %-7s  %12s  %s%n",
        "decoder.block.0.layer.0.SelfAttention.k.weight", "F32", "[4, 8]", 128,
        "model.safetensors")), run.out());
    assertTrue(run.out().contains("Marker: step 0, written "), run.out());
    assertTrue(run.out().contains("Tensors: 26\n"), run.out());
    assertTrue(run.out().endsWith("Shapes: OK, every tensor matches config.json\n"), run.out());
  }

  @Test
  void inspectRejectsShapeMismatch() throws Exception {
    String dir = save(TestTensors.randomModel(CONFIG, 1));
    Files.writeString(tmp.resolve("ckpt/config.json"), CONFIG.withKeyValueHeads(1).toJson());

    CommandRun run = CommandRun.of("checkpoint", "inspect", "--checksums", dir);

    assertEquals(1, run.exitCode());
    assertTrue(run.out().contains("Marker: step 0, written "), run.out());
    // The rewritten config.json keeps its length, so only the checksum detects the change.
    assertTrue(run.out().contains("INVALID: file config.json has CRC-32C "), run.out());
    assertTrue(run.out().contains("Shapes: INVALID, 4 problems:\n"
        + "  - tensor decoder.block.0.layer.0.SelfAttention.k.weight has shape [4, 8] but the"
        + " config implies [2, 8]\n"), run.out());
  }

  @Test
  void inspectMissingDirectoryFails() {
    CommandRun run = CommandRun.of("checkpoint", "inspect", tmp.resolve("absent").toString());

    assertEquals(1, run.exitCode());
    assertTrue(run.err().startsWith("Error: Checkpoint " + tmp.resolve("absent")), run.err());
  }

  @Test
  void listShowsNewestComplete() throws Exception {
    Path run = TestTensors.path(tmp.resolve("run"));
    for (long step : new long[] {100, 200}) {
      CheckpointWriter writer = CheckpointWriter.create(fs,
          RunCheckpoints.directoryFor(run, step), ExistingDirectory.REPLACE_INCOMPLETE);
      writer.writeText("trainer_state.json", "{}");
      if (step == 100) {
        writer.commit(step);
      }
    }

    CommandRun result = CommandRun.of("checkpoint", "list", tmp.resolve("run").toString());

    assertEquals(0, result.exitCode(), result.err());
    assertEquals("step 100  checkpoint-100  complete\n"
        + "step 200  checkpoint-200  incomplete: no _COMPLETE marker, so writing it did not"
        + " finish\n"
        + "Newest complete: step 100 at " + RunCheckpoints.directoryFor(run, 100) + "\n",
        result.out());
  }
}
