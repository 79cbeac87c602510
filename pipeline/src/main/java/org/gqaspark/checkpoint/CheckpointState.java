package org.gqaspark.checkpoint;

import java.util.Optional;
import org.apache.hadoop.fs.Path;

/**
 * One {@code checkpoint-<step>} directory of a run and whether it is complete.
 *
 * @param dir the checkpoint directory
 * @param step training step from the directory name
 * @param marker the completion marker; empty when the checkpoint is incomplete
 * @param problem why the checkpoint does not count; empty when it is complete
 */
public record CheckpointState(
    Path dir, long step, Optional<CheckpointMarker> marker, Optional<String> problem) {

  public boolean isComplete() {
    return problem.isEmpty();
  }
}
