package org.gqaspark.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCheckpointsTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

  @TempDir
  java.nio.file.Path tmp;

  private final FileSystem fs = TestTensors.localFs();

  private Path run() {
    return TestTensors.path(tmp);
  }

  /** Writes a training checkpoint; commits it unless {@code commit} is false. */
  private Path writeCheckpoint(long step, boolean commit) throws Exception {
    Path dir = RunCheckpoints.directoryFor(run(), step);
    CheckpointWriter writer = CheckpointWriter.create(fs, dir,
        ExistingDirectory.REPLACE_INCOMPLETE, CLOCK);
    writer.writeTensors("model", Map.of("w", FloatTensor.zeros(2, 3)), WriteOptions.defaults());
    writer.writeTensors("optimizer", Map.of("w.exp_avg", FloatTensor.zeros(2, 3)),
        WriteOptions.defaults());
    writer.writeText("trainer_state.json", "{\"step\": " + step + "}\n");
    if (commit) {
      writer.commit(step);
    }
    return dir;
  }

  private java.nio.file.Path local(long step, String file) {
    return tmp.resolve("checkpoint-" + step).resolve(file);
  }

  @Test
  void newestCompleteSkipsIncomplete() throws Exception {
    writeCheckpoint(10, true);
    writeCheckpoint(20, true);
    writeCheckpoint(30, false);

    Optional<CheckpointState> newest = RunCheckpoints.newestComplete(fs, run(), false);

    assertEquals(20, newest.get().step());
    assertEquals(20, newest.get().marker().get().step());
  }

  @Test
  void listReportsMissingMarker() throws Exception {
    writeCheckpoint(10, true);
    writeCheckpoint(30, false);

    List<CheckpointState> states = RunCheckpoints.list(fs, run(), false);

    assertEquals(List.of(10L, 30L), states.stream().map(CheckpointState::step).toList());
    assertTrue(states.get(0).isComplete());
    assertEquals("no _COMPLETE marker, so writing it did not finish",
        states.get(1).problem().get());
  }

  @Test
  void listSortsStepsNumerically() throws Exception {
    writeCheckpoint(100, true);
    writeCheckpoint(9, true);

    List<CheckpointState> states = RunCheckpoints.list(fs, run(), false);

    assertEquals(List.of(9L, 100L), states.stream().map(CheckpointState::step).toList());
  }

  @Test
  void listIgnoresOtherEntries() throws Exception {
    writeCheckpoint(10, true);
    Files.createDirectories(tmp.resolve("logs"));
    Files.writeString(tmp.resolve("checkpoint-11"), "a file, not a directory");

    assertEquals(1, RunCheckpoints.list(fs, run(), false).size());
  }

  @Test
  void missingRunHasNoCheckpoints() throws Exception {
    assertEquals(Optional.empty(),
        RunCheckpoints.newestComplete(fs, new Path(run(), "absent"), false));
  }

  @Test
  void truncatedFileMakesIncomplete() throws Exception {
    writeCheckpoint(10, true);
    java.nio.file.Path weights = local(10, "model.safetensors");
    byte[] bytes = Files.readAllBytes(weights);
    Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length - 4));

    CheckpointState state = RunCheckpoints.list(fs, run(), false).get(0);

    assertEquals("file model.safetensors has " + (bytes.length - 4) + " bytes but _COMPLETE"
        + " records " + bytes.length, state.problem().get());
  }

  @Test
  void checksumCatchesChangedContent() throws Exception {
    writeCheckpoint(10, true);
    java.nio.file.Path state = local(10, "trainer_state.json");
    Files.writeString(state, "{\"step\": 99}\n");

    assertTrue(RunCheckpoints.list(fs, run(), false).get(0).isComplete());
    String problem = RunCheckpoints.list(fs, run(), true).get(0).problem().get();
    assertTrue(problem.startsWith("file trainer_state.json has CRC-32C "), problem);
  }

  @Test
  void markerStepMustMatchName() throws Exception {
    writeCheckpoint(10, true);
    Files.move(tmp.resolve("checkpoint-10"), tmp.resolve("checkpoint-12"));

    CheckpointState state = RunCheckpoints.list(fs, run(), false).get(0);

    assertEquals("_COMPLETE records step 10 but the directory name says 12",
        state.problem().get());
  }

  @Test
  void invalidMarkerMakesIncomplete() throws Exception {
    writeCheckpoint(10, true);
    Files.writeString(local(10, "_COMPLETE"), "{not json");

    CheckpointState state = RunCheckpoints.list(fs, run(), false).get(0);

    assertTrue(state.problem().get().startsWith("Invalid completion marker "),
        state.problem().get());
  }

  @Test
  void markerRecordsEveryFile() throws Exception {
    writeCheckpoint(10, true);

    CheckpointMarker marker = CheckpointMarker.read(fs, RunCheckpoints.directoryFor(run(), 10))
        .get();

    assertEquals(List.of("model.safetensors", "optimizer.safetensors", "trainer_state.json"),
        marker.files().stream().map(WrittenFile::name).toList());
    assertEquals(Instant.parse("2025-06-01T12:00:00Z"), marker.time());
    assertEquals(Files.size(local(10, "trainer_state.json")), marker.files().get(2).bytes());
  }

  @Test
  void markerJsonRoundTrips() throws Exception {
    CheckpointMarker marker = new CheckpointMarker(7, Instant.parse("2025-01-02T03:04:05Z"),
        List.of(new WrittenFile("config.json", 12, "0badf00d")));

    assertEquals(marker, CheckpointMarker.fromJson(marker.toJson(), "memory"));
  }

  @Test
  void rewriteReplacesIncomplete() throws Exception {
    writeCheckpoint(30, false);
    Files.writeString(local(30, "stale.bin"), "left by the cut-off save");

    writeCheckpoint(30, true);

    assertFalse(Files.exists(local(30, "stale.bin")));
    assertTrue(RunCheckpoints.list(fs, run(), false).get(0).isComplete());
  }

  @Test
  void rewriteRefusesComplete() throws Exception {
    writeCheckpoint(30, true);

    String message = assertThrows(FileAlreadyExistsException.class,
        () -> writeCheckpoint(30, true)).getMessage();

    assertTrue(message.contains("it holds a complete checkpoint (_COMPLETE exists)"), message);
  }

  @Test
  void userDirectoryNotReplaced() throws Exception {
    Files.writeString(tmp.resolve("notes.txt"), "keep me");

    assertThrows(FileAlreadyExistsException.class,
        () -> CheckpointWriter.create(fs, run(), ExistingDirectory.FAIL_IF_NOT_EMPTY));
    assertTrue(Files.exists(tmp.resolve("notes.txt")));
  }

  @Test
  void localWritesLeaveNoChecksumFiles() throws Exception {
    writeCheckpoint(10, true);

    try (var files = Files.list(tmp.resolve("checkpoint-10"))) {
      assertEquals(List.of("_COMPLETE", "model.safetensors", "optimizer.safetensors",
          "trainer_state.json"), files.map(file -> file.getFileName().toString()).sorted()
          .toList());
    }
  }

  @Test
  void committedWriterRejectsWrites() throws Exception {
    CheckpointWriter writer = CheckpointWriter.create(fs, new Path(run(), "c"),
        ExistingDirectory.FAIL_IF_NOT_EMPTY, CLOCK);
    writer.commit(0);

    assertThrows(IllegalStateException.class, () -> writer.writeText("late.json", "{}"));
  }
}
