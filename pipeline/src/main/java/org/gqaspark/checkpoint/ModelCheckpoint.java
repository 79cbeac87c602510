package org.gqaspark.checkpoint;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.gqaspark.model.T5Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes model checkpoint directories: {@code config.json} beside the
 * {@code model} tensors, in Hugging Face's layout, on any Hadoop file system.
 */
public final class ModelCheckpoint {

  public static final String CONFIG_FILE = "config.json";
  public static final String MODEL_BASE_NAME = "model";

  private static final Logger LOG = LoggerFactory.getLogger(ModelCheckpoint.class);

  private ModelCheckpoint() {}

  /**
   * Reads {@code config.json} of a checkpoint directory.
   *
   * @throws InvalidCheckpointException when the file is missing
   * @throws IllegalArgumentException when a config value is invalid (see {@link T5Config})
   */
  public static T5Config readConfig(FileSystem fs, Path dir) throws IOException {
    Path path = new Path(dir, CONFIG_FILE);
    try {
      return T5Config.fromJson(StorageFiles.readText(fs, path), path.toString());
    } catch (FileNotFoundException e) {
      throw CheckpointErrors.missingConfig(dir.toString());
    }
  }

  /**
   * Loads a model: its config, and every tensor checked against the shapes the config
   * implies. When the directory has a completion marker, file lengths are checked against
   * it first; directories without one (a Hugging Face download) load as they are.
   *
   * @throws InvalidCheckpointException when the marker disagrees with the files, a file is
   *     not valid safetensors, or tensors are missing, unexpected or of the wrong shape
   */
  public static LoadedCheckpoint load(FileSystem fs, Path dir) throws IOException {
    requireMarkerMatches(fs, dir);
    T5Config config = readConfig(fs, dir);
    Map<String, LocatedTensor> listing = ShardedSafetensors.list(fs, dir, MODEL_BASE_NAME);
    ShapeReport report = T5ParameterShapes.check(config,
        T5ParameterShapes.shapesOfEntries(listing));
    if (!report.isValid()) {
      throw CheckpointErrors.shapesDisagree(dir.toString(), config, report);
    }

    long start = System.nanoTime();
    Map<String, FloatTensor> tensors = ShardedSafetensors.readAll(fs, dir, MODEL_BASE_NAME);
    Map<String, FloatTensor> canonical = T5ParameterShapes.canonicalize(config, tensors,
        dir.toString());
    LOG.info("Loaded {}: {} parameters in {} tensors in {} s.", dir,
        canonical.values().stream().mapToLong(FloatTensor::size).sum(), canonical.size(),
        String.format("%.2f", (System.nanoTime() - start) / 1e9));
    return new LoadedCheckpoint(config, canonical);
  }

  /**
   * Writes a model checkpoint and commits it with step 0.
   *
   * @param existing what to do when {@code dir} exists
   */
  public static CheckpointMarker save(FileSystem fs, Path dir, T5Config config,
      Map<String, FloatTensor> tensors, WriteOptions options, ExistingDirectory existing)
      throws IOException {
    CheckpointWriter writer = CheckpointWriter.create(fs, dir, existing);
    writer.writeModel(config, tensors, options);
    return writer.commit(0);
  }

  private static void requireMarkerMatches(FileSystem fs, Path dir) throws IOException {
    if (!fs.exists(dir)) {
      throw CheckpointErrors.checkpointNotFound(dir.toString());
    }
    Optional<CheckpointMarker> marker = CheckpointMarker.read(fs, dir);
    if (marker.isPresent()) {
      Optional<String> problem = marker.get().verify(fs, dir, false);
      if (problem.isPresent()) {
        throw CheckpointErrors.markerMismatch(dir.toString(), problem.get());
      }
    }
  }
}
