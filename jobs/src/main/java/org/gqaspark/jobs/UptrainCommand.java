package org.gqaspark.jobs;

import picocli.CommandLine.Command;

/** {@code gqa uptrain}: see {@link TrainingCommand}. */
@Command(
    name = "uptrain",
    mixinStandardHelpOptions = true,
    description = "Uptrains a converted (grouped-query) checkpoint with the pretraining objective,"
        + " for train.steps steps or train.alpha times the pretraining steps recorded in its"
        + " trainer_state.json.")
public final class UptrainCommand extends TrainingCommand {

  @Override
  String phase() {
    return "uptrain";
  }
}
