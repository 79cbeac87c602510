package org.gqaspark.checkpoint;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.gqaspark.model.ParameterSpec;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.T5Config;
import org.gqaspark.model.compute.Compute;

/**
 * Moves a model's parameters between a {@link ParameterStore} (the engine's memory, on any
 * {@link Compute} backend) and checkpoint tensors or directories. Names and shapes come from
 * one list, the engine's {@code T5ParameterLayout}, which {@link T5ParameterShapes} also
 * uses.
 */
public final class T5Checkpoints {

  private T5Checkpoints() {}

  /** A model loaded into the engine. */
  public record LoadedModel(T5Config config, ParameterStore parameters) {}

  /** Returns copies of every parameter value as checkpoint tensors, in layout order. */
  public static Map<String, FloatTensor> tensorsOf(ParameterStore store) {
    Map<String, FloatTensor> tensors = new LinkedHashMap<>();
    for (String name : store.names()) {
      tensors.put(name, new FloatTensor(store.get(name).spec().shape(), store.values(name)));
    }
    return tensors;
  }

  /**
   * Allocates a store on {@code compute} and fills it from tensors that already passed
   * {@link T5ParameterShapes#canonicalize} for {@code config}.
   */
  public static ParameterStore toStore(T5Config config, Map<String, FloatTensor> tensors,
      Compute compute) {
    ParameterStore store = ParameterStore.forModel(config, compute);
    for (String name : store.names()) {
      ParameterSpec spec = store.get(name).spec();
      FloatTensor tensor = tensors.get(name);
      if (tensor == null || !tensor.hasShape(spec.shape())) {
        throw CheckpointErrors.tensorNotInLayout(name, spec.shape(), tensor);
      }
      store.setValues(name, tensor.data());
    }
    return store;
  }

  /**
   * Loads a checkpoint directory (local or s3a) into a new store on {@code compute}.
   *
   * @throws InvalidCheckpointException when the directory is incomplete or its tensors do
   *     not match its config.json
   */
  public static LoadedModel load(FileSystem fs, Path dir, Compute compute) throws IOException {
    LoadedCheckpoint checkpoint = ModelCheckpoint.load(fs, dir);
    return new LoadedModel(checkpoint.config(),
        toStore(checkpoint.config(), checkpoint.tensors(), compute));
  }

  /** Writes a model checkpoint directory with its completion marker (step 0). */
  public static CheckpointMarker save(FileSystem fs, Path dir, T5Config config,
      ParameterStore store, WriteOptions options, ExistingDirectory existing)
      throws IOException {
    return ModelCheckpoint.save(fs, dir, config, tensorsOf(store), options, existing);
  }
}
