package org.gqaspark.jobs.vocab;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Group of the vocabulary tools: {@code gqa vocab train}. */
@Command(
    name = "vocab",
    mixinStandardHelpOptions = true,
    description = "SentencePiece vocabulary tools.",
    subcommands = {VocabTrainCommand.class})
public final class VocabCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
