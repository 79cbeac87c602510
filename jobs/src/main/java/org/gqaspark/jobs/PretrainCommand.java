package org.gqaspark.jobs;

import picocli.CommandLine.Command;

/** {@code gqa pretrain}: see {@link TrainingCommand}. */
@Command(
    name = "pretrain",
    mixinStandardHelpOptions = true,
    description = "Pretrains a T5 model from random initialisation on Spark (T5 span corruption by"
        + " default), with checkpoints that a rerun resumes from.")
public final class PretrainCommand extends TrainingCommand {

  @Override
  String phase() {
    return "pretrain";
  }
}
