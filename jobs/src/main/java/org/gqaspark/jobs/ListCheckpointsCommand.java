package org.gqaspark.jobs;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.gqaspark.checkpoint.CheckpointState;
import org.gqaspark.checkpoint.RunCheckpoints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gqa checkpoint list RUN_DIR}: prints every {@code checkpoint-<step>} directory of a
 * training run, complete or not with the reason, and the one a restart would resume from.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists the checkpoint-<step> directories of a training run, whether each is"
        + " complete, and the newest complete one, which a restarted job resumes from.")
public final class ListCheckpointsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR",
      description = "Run directory that holds checkpoint-<step> directories: a local path or"
          + " an s3a:// URI.")
  String runDirectory;

  @Mixin
  ChecksumOption checksums;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      Path runDir = new Path(runDirectory);
      FileSystem fs = runDir.getFileSystem(new Configuration());
      List<CheckpointState> states = RunCheckpoints.list(fs, runDir, checksums.enabled);
      CheckpointState newest = null;
      for (CheckpointState state : states) {
        out.println("step " + state.step() + "  " + state.dir().getName() + "  "
            + state.problem().map(problem -> "incomplete: " + problem).orElse("complete"));
        if (state.isComplete()) {
          newest = state;
        }
      }
      out.println(newest == null
          ? "No complete checkpoint under " + runDir + " (" + states.size() + " incomplete)."
          : "Newest complete: step " + newest.step() + " at " + newest.dir());
      out.flush();
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      out.flush();
      return CheckpointCommand.fail(spec.commandLine(), e);
    }
  }
}
