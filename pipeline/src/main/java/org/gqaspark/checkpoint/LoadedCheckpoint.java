package org.gqaspark.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gqaspark.model.T5Config;

/**
 * A model read from a checkpoint directory.
 *
 * @param config the directory's config.json
 * @param tensors every parameter under the names of {@link T5ParameterShapes#expected}, in
 *     its order, each with the shape the config implies
 */
public record LoadedCheckpoint(T5Config config, Map<String, FloatTensor> tensors) {

  public LoadedCheckpoint {
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }
}
