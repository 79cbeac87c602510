package org.gqaspark.jobs;

import picocli.CommandLine.Command;

/** {@code gqa finetune}: see {@link TrainingCommand}. */
@Command(
    name = "finetune",
    mixinStandardHelpOptions = true,
    description = "Fine-tunes any checkpoint on supervised examples (task prefixes included) on"
        + " Spark.")
public final class FinetuneCommand extends TrainingCommand {

  @Override
  String phase() {
    return "finetune";
  }
}
