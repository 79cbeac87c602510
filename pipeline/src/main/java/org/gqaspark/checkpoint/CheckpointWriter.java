package org.gqaspark.checkpoint;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.gqaspark.model.T5Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one checkpoint directory and commits it with its completion marker. Every file
 * goes through this writer, which records its length and CRC-32C as it streams out;
 * {@link #commit} then writes {@link CheckpointMarker#FILE_NAME} last, so a directory
 * counts as complete only once everything else is in place.
 *
 * <p>Layout: {@code config.json} and the model tensors ({@code model.safetensors}, or
 * shards and {@code model.safetensors.index.json}) as Hugging Face writes them, so the
 * directory loads in transformers too. Training adds more tensors under another base name
 * ({@code optimizer.safetensors}) and JSON files ({@code trainer_state.json}).
 */
public final class CheckpointWriter {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointWriter.class);

  private final FileSystem fs;
  private final Path dir;
  private final Clock clock;
  private final Map<String, WrittenFile> files = new LinkedHashMap<>();
  private boolean committed;

  private CheckpointWriter(FileSystem fs, Path dir, Clock clock) {
    this.fs = fs;
    this.dir = dir;
    this.clock = clock;
  }

  /**
   * Prepares {@code dir} for a new checkpoint.
   *
   * @param existing what to do when {@code dir} already exists
   * @throws InvalidCheckpointException when the directory exists and {@code existing}
   *     forbids replacing it
   */
  public static CheckpointWriter create(FileSystem fs, Path dir, ExistingDirectory existing)
      throws IOException {
    return create(fs, dir, existing, Clock.systemUTC());
  }

  static CheckpointWriter create(FileSystem fs, Path dir, ExistingDirectory existing,
      Clock clock) throws IOException {
    if (fs.exists(dir)) {
      if (!fs.getFileStatus(dir).isDirectory()) {
        throw CheckpointErrors.targetNotDirectory(dir.toString());
      }
      FileStatus[] contents = fs.listStatus(dir);
      boolean complete = fs.exists(new Path(dir, CheckpointMarker.FILE_NAME));
      if (contents.length > 0) {
        switch (existing) {
          case FAIL_IF_NOT_EMPTY -> throw CheckpointErrors.targetNotEmpty(dir.toString(),
              contents.length);
          case REPLACE_INCOMPLETE -> {
            if (complete) {
              throw CheckpointErrors.targetComplete(dir.toString());
            }
            LOG.warn("Deleting the incomplete checkpoint {} ({} entries, no {}) to write it"
                + " again.", dir, contents.length, CheckpointMarker.FILE_NAME);
          }
          case REPLACE -> LOG.warn("Deleting {} ({} entries, {}) to write a new checkpoint.",
              dir, contents.length, complete ? "complete" : "incomplete");
        }
        fs.delete(dir, true);
      }
    }
    fs.mkdirs(dir);
    return new CheckpointWriter(fs, dir, clock);
  }

  public Path directory() {
    return dir;
  }

  public FileSystem fileSystem() {
    return fs;
  }

  /** Writes {@code config.json}. */
  public void writeConfig(T5Config config) throws IOException {
    writeText(ModelCheckpoint.CONFIG_FILE, config.toJson());
  }

  /**
   * Writes {@code config.json} and the model tensors after checking them against the
   * config, so that no checkpoint with shapes that disagree with its config is written.
   *
   * @throws InvalidCheckpointException naming every tensor that does not match
   */
  public void writeModel(T5Config config, Map<String, FloatTensor> tensors,
      WriteOptions options) throws IOException {
    Map<String, FloatTensor> canonical = T5ParameterShapes.canonicalize(config, tensors,
        dir.toString());
    writeConfig(config);
    writeTensors(ModelCheckpoint.MODEL_BASE_NAME, canonical, options);
  }

  /** Writes tensors under {@code baseName}, sharded as {@code options} says. */
  public void writeTensors(String baseName, Map<String, FloatTensor> tensors,
      WriteOptions options) throws IOException {
    requireOpen();
    requirePlainName(baseName);
    for (WrittenFile file : ShardedSafetensors.write(fs, dir, baseName, tensors, options)) {
      files.put(file.name(), file);
    }
  }

  /** Writes a UTF-8 text file such as {@code trainer_state.json}. */
  public void writeText(String fileName, String text) throws IOException {
    requireOpen();
    requirePlainName(fileName);
    files.put(fileName, StorageFiles.writeText(fs, new Path(dir, fileName), text));
  }

  /** Copies a file (a tokenizer model, say) into the checkpoint under its own name. */
  public void copyFile(FileSystem sourceFs, Path source) throws IOException {
    requireOpen();
    requirePlainName(source.getName());
    files.put(source.getName(), StorageFiles.copy(sourceFs, source, fs,
        new Path(dir, source.getName())));
  }

  /** Files written so far, in write order. */
  public List<WrittenFile> writtenFiles() {
    return new ArrayList<>(files.values());
  }

  /**
   * Writes the completion marker, after which the checkpoint counts as complete and this
   * writer accepts no more files.
   *
   * @param step training step of the checkpoint; 0 outside training
   */
  public CheckpointMarker commit(long step) throws IOException {
    requireOpen();
    CheckpointMarker marker = new CheckpointMarker(step, Instant.now(clock), writtenFiles());
    StorageFiles.writeText(fs, new Path(dir, CheckpointMarker.FILE_NAME), marker.toJson());
    committed = true;
    long bytes = files.values().stream().mapToLong(WrittenFile::bytes).sum();
    LOG.info("Checkpoint {} complete: step {}, {} files, {} bytes.", dir, step, files.size(),
        bytes);
    return marker;
  }

  private void requireOpen() {
    if (committed) {
      throw new IllegalStateException("Checkpoint " + dir + " is already committed; create a"
          + " new CheckpointWriter to write another checkpoint.");
    }
  }

  private void requirePlainName(String name) {
    if (!SafetensorsIndex.isPlainFileName(name) || name.equals(CheckpointMarker.FILE_NAME)) {
      throw CheckpointErrors.invalidOption("file name", name,
          "a plain file name other than " + CheckpointMarker.FILE_NAME);
    }
  }
}
