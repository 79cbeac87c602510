package org.gqaspark.checkpoint;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of a training run: subdirectories {@code checkpoint-<step>} of the run
 * directory, named as Hugging Face's Trainer names them. A checkpoint counts only when its
 * completion marker exists, is valid, records the directory's step and matches the files.
 * A job that restarts resumes from the newest one that counts.
 */
public final class RunCheckpoints {

  public static final String PREFIX = "checkpoint-";

  private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,18})");
  private static final Logger LOG = LoggerFactory.getLogger(RunCheckpoints.class);

  private RunCheckpoints() {}

  /** Returns the directory of the checkpoint at {@code step}. */
  public static Path directoryFor(Path runDir, long step) {
    if (step < 0) {
      throw CheckpointErrors.invalidOption("step", step, "a non-negative training step");
    }
    return new Path(runDir, PREFIX + step);
  }

  /**
   * Lists the checkpoints of a run, oldest step first, complete or not. Other entries of the
   * run directory are ignored; a run directory that does not exist has no checkpoints.
   *
   * @param checksums also compare every file's CRC-32C with the marker (reads every file)
   */
  public static List<CheckpointState> list(FileSystem fs, Path runDir, boolean checksums)
      throws IOException {
    FileStatus[] children;
    try {
      children = fs.listStatus(runDir);
    } catch (FileNotFoundException e) {
      return List.of();
    }
    List<CheckpointState> states = new ArrayList<>();
    for (FileStatus child : children) {
      Matcher match = NAME.matcher(child.getPath().getName());
      if (child.isDirectory() && match.matches()) {
        states.add(check(fs, child.getPath(), Long.parseLong(match.group(1)), checksums));
      }
    }
    states.sort(Comparator.comparingLong(CheckpointState::step));
    return states;
  }

  /**
   * Returns the complete checkpoint with the highest step. Incomplete checkpoints are
   * skipped, each logged with the reason.
   */
  public static Optional<CheckpointState> newestComplete(FileSystem fs, Path runDir,
      boolean checksums) throws IOException {
    List<CheckpointState> states = list(fs, runDir, checksums);
    for (int i = states.size() - 1; i >= 0; i--) {
      CheckpointState state = states.get(i);
      if (state.isComplete()) {
        LOG.info("Newest complete checkpoint of {}: step {} at {}.", runDir, state.step(),
            state.dir());
        return Optional.of(state);
      }
      LOG.warn("Skipping incomplete checkpoint {}: {}.", state.dir(), state.problem().get());
    }
    LOG.info("No complete checkpoint under {} ({} incomplete).", runDir, states.size());
    return Optional.empty();
  }

  /** Checks one checkpoint directory whose name gives {@code step}. */
  public static CheckpointState check(FileSystem fs, Path dir, long step, boolean checksums)
      throws IOException {
    Optional<CheckpointMarker> marker;
    try {
      marker = CheckpointMarker.read(fs, dir);
    } catch (InvalidCheckpointException e) {
      return incomplete(dir, step, e.getMessage());
    }
    if (marker.isEmpty()) {
      return incomplete(dir, step, "no " + CheckpointMarker.FILE_NAME
          + " marker, so writing it did not finish");
    }
    if (marker.get().step() != step) {
      return incomplete(dir, step, CheckpointMarker.FILE_NAME + " records step "
          + marker.get().step() + " but the directory name says " + step);
    }
    Optional<String> problem = marker.get().verify(fs, dir, checksums);
    if (problem.isPresent()) {
      return incomplete(dir, step, problem.get());
    }
    return new CheckpointState(dir, step, marker, Optional.empty());
  }

  private static CheckpointState incomplete(Path dir, long step, String problem) {
    return new CheckpointState(dir, step, Optional.empty(), Optional.of(problem));
  }
}
