package org.gqaspark.checkpoint;

import java.io.IOException;

/**
 * A checkpoint file or directory that does not hold what it must: a corrupt or hostile
 * safetensors file, an inconsistent index, a config that disagrees with the tensors. The
 * message names the file, the tensor and the value, and tells what to do.
 */
public final class InvalidCheckpointException extends IOException {

  private static final long serialVersionUID = 1L;

  InvalidCheckpointException(String message) {
    super(message);
  }

  InvalidCheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
