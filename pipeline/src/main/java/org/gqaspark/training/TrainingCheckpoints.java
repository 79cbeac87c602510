package org.gqaspark.training;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.gqaspark.checkpoint.CheckpointState;
import org.gqaspark.checkpoint.CheckpointWriter;
import org.gqaspark.checkpoint.ExistingDirectory;
import org.gqaspark.checkpoint.FloatTensor;
import org.gqaspark.checkpoint.RunCheckpoints;
import org.gqaspark.checkpoint.ShardedSafetensors;
import org.gqaspark.checkpoint.StorageFiles;
import org.gqaspark.checkpoint.T5Checkpoints;
import org.gqaspark.checkpoint.WriteOptions;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.T5Config;
import org.gqaspark.model.compute.Compute;
import org.gqaspark.training.optim.OptimizerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training checkpoints: {@code <run dir>/checkpoint-<step>} with the model (config.json and
 * model.safetensors, loadable as any model checkpoint), the optimizer state
 * ({@code optimizer.safetensors}, one 1-D tensor per state array under the optimizer's
 * names), {@link TrainerState#FILE_NAME}, and a copy of the vocabulary when the run has one.
 * The completion marker is written last by {@link CheckpointWriter}.
 */
public final class TrainingCheckpoints {

  /** Base name of the optimizer tensors. */
  public static final String OPTIMIZER_BASE_NAME = "optimizer";

  private static final Logger LOG = LoggerFactory.getLogger(TrainingCheckpoints.class);

  private TrainingCheckpoints() {}

  /** A checkpoint read back for resuming. */
  public record Loaded(Path dir, T5Config config, ParameterStore parameters,
      OptimizerState optimizer, TrainerState trainer) {}

  /**
   * Writes and commits the checkpoint of {@code state.step()}. A directory of that step that
   * does not count as complete is replaced: an attempt stopped while writing it, possibly in
   * the middle of its marker. A complete one is an error, because a run resumes from its
   * newest complete checkpoint and never writes an older step again.
   *
   * @param vocabulary a file copied into the checkpoint (spiece.model), or null
   */
  public static Path write(FileSystem fs, Path runDir, T5Config config, ParameterStore store,
      OptimizerState optimizer, TrainerState state, Path vocabulary) throws IOException {
    Path dir = RunCheckpoints.directoryFor(runDir, state.step());
    ExistingDirectory existing = ExistingDirectory.FAIL_IF_NOT_EMPTY;
    if (fs.exists(dir)) {
      CheckpointState old = RunCheckpoints.check(fs, dir, state.step(), false);
      if (old.isComplete()) {
        throw TrainingErrors.checkpointExists(dir.toString());
      }
      LOG.warn("Replacing the incomplete checkpoint {}: {}.", dir, old.problem().orElse(""));
      existing = ExistingDirectory.REPLACE;
    }
    CheckpointWriter writer = CheckpointWriter.create(fs, dir, existing);
    writer.writeModel(config, T5Checkpoints.tensorsOf(store), WriteOptions.defaults());
    writer.writeTensors(OPTIMIZER_BASE_NAME, optimizerTensors(optimizer),
        WriteOptions.defaults());
    writer.writeText(TrainerState.FILE_NAME, state.toJson());
    if (vocabulary != null) {
      writer.copyFile(vocabulary.getFileSystem(fs.getConf()), vocabulary);
    }
    writer.commit(state.step());
    return dir;
  }

  /** Returns the newest complete checkpoint of the run, checking every file's CRC-32C. */
  public static Optional<CheckpointState> newest(FileSystem fs, Path runDir) throws IOException {
    return RunCheckpoints.newestComplete(fs, runDir, true);
  }

  /** Loads a complete training checkpoint onto {@code compute}. */
  public static Loaded load(FileSystem fs, Path dir, Compute compute) throws IOException {
    T5Checkpoints.LoadedModel model = T5Checkpoints.load(fs, dir, compute);
    Path statePath = new Path(dir, TrainerState.FILE_NAME);
    if (!fs.exists(statePath)) {
      throw TrainingErrors.notATrainingCheckpoint(dir.toString(), TrainerState.FILE_NAME);
    }
    TrainerState trainer = TrainerState.fromJson(StorageFiles.readText(fs, statePath),
        statePath.toString());
    if (!ShardedSafetensors.exists(fs, dir, OPTIMIZER_BASE_NAME)) {
      throw TrainingErrors.notATrainingCheckpoint(dir.toString(),
          ShardedSafetensors.singleFileName(OPTIMIZER_BASE_NAME));
    }
    Map<String, float[]> tensors = new LinkedHashMap<>();
    ShardedSafetensors.readAll(fs, dir, OPTIMIZER_BASE_NAME)
        .forEach((name, tensor) -> tensors.put(name, tensor.data()));
    return new Loaded(dir, model.config(), model.parameters(),
        new OptimizerState(trainer.optimizerSteps(), tensors), trainer);
  }

  /**
   * Reads {@code trainer_state.json} of a checkpoint directory when it has one, as a
   * converted checkpoint carries its source's.
   */
  public static Optional<TrainerState> readTrainerState(FileSystem fs, Path dir)
      throws IOException {
    Path path = new Path(dir, TrainerState.FILE_NAME);
    if (!fs.exists(path)) {
      return Optional.empty();
    }
    return Optional.of(TrainerState.fromJson(StorageFiles.readText(fs, path), path.toString()));
  }

  /**
   * Deletes complete checkpoints older than the newest {@code keep}, and incomplete ones
   * older than the newest complete one (a later attempt got past them).
   */
  public static void prune(FileSystem fs, Path runDir, int keep) throws IOException {
    List<CheckpointState> states = RunCheckpoints.list(fs, runDir, false);
    long newestComplete = states.stream().filter(CheckpointState::isComplete)
        .mapToLong(CheckpointState::step).max().orElse(-1);
    int completeSeen = 0;
    for (int i = states.size() - 1; i >= 0; i--) {
      CheckpointState state = states.get(i);
      boolean delete;
      if (state.isComplete()) {
        completeSeen++;
        delete = completeSeen > keep;
      } else {
        delete = state.step() < newestComplete;
      }
      if (delete) {
        fs.delete(state.dir(), true);
        LOG.info("Deleted checkpoint {} (keeping the newest {}).", state.dir(), keep);
      }
    }
  }

  private static Map<String, FloatTensor> optimizerTensors(OptimizerState state) {
    Map<String, FloatTensor> tensors = new LinkedHashMap<>();
    state.tensors().forEach((name, values) ->
        tensors.put(name, new FloatTensor(new int[] {values.length}, values)));
    return tensors;
  }
}
