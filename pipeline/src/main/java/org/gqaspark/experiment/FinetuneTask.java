package org.gqaspark.experiment;

import com.typesafe.config.Config;

/**
 * A downstream task that every variant is fine-tuned on and evaluated with.
 *
 * @param name the task's name in run ids (letters, digits, dots, dashes, underscores)
 * @param kind summarization (scored with ROUGE) or translation (BLEU and chrF)
 * @param train overrides of the experiment's train block for this task's fine-tuning: at
 *     least steps and the data.train and data.validation sources
 * @param evaluate the task's evaluate block (dataset, split and decoding settings), merged
 *     over the experiment's evaluate block
 */
public record FinetuneTask(String name, String kind, Config train, Config evaluate) {

  public static final String SUMMARIZATION = "summarization";
  public static final String TRANSLATION = "translation";

  public FinetuneTask {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw ExperimentErrors.invalidSetting("experiment.finetune.tasks.name", name,
          "letters, digits, dots, dashes or underscores, starting with a letter or digit");
    }
    if (!SUMMARIZATION.equals(kind) && !TRANSLATION.equals(kind)) {
      throw ExperimentErrors.invalidSetting("experiment.finetune.tasks.kind (task " + name
          + ")", kind, SUMMARIZATION + " or " + TRANSLATION);
    }
  }
}
