package org.gqaspark.jobs;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Tools for checkpoint directories: {@code inspect} one, {@code list} those of a run. */
@Command(
    name = "checkpoint",
    mixinStandardHelpOptions = true,
    description = "Inspects checkpoint directories (local paths or s3a:// URIs).",
    subcommands = {InspectCheckpointCommand.class, ListCheckpointsCommand.class})
public final class CheckpointCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Returns the exit code for a failed command, after printing its message. */
  static int fail(CommandLine commandLine, Exception error) {
    commandLine.getErr().println("Error: " + error.getMessage());
    return 1;
  }
}
