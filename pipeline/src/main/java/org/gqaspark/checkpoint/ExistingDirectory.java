package org.gqaspark.checkpoint;

/** What {@link CheckpointWriter#create} does when the target directory already exists. */
public enum ExistingDirectory {
  /** Fail unless the directory is empty: the safe choice for a user-given output path. */
  FAIL_IF_NOT_EMPTY,
  /**
   * Delete the directory when it has no completion marker (a save cut off earlier, which a
   * restarted job redoes); fail when it has one.
   */
  REPLACE_INCOMPLETE,
  /** Delete the directory, complete or not. */
  REPLACE
}
