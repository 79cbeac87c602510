package org.gqaspark.experiment;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The phases of an experiment in the order they run. Each phase runs once per variant (and
 * per task where it has tasks); {@code gqa run --phase NAME} runs one phase for all of them.
 */
public enum ExperimentPhase {
  /** Trains the SentencePiece vocabulary, when the experiment does not name one. */
  VOCAB("vocab"),
  /** Tokenizes the pretraining text and the task corpora into the examples table. */
  TOKENIZE("tokenize"),
  /** Pretrains the multi-head model, unless the experiment starts from a checkpoint. */
  PRETRAIN("pretrain"),
  /** Converts the multi-head checkpoint to each number of key/value heads and method. */
  CONVERT("convert"),
  /** Uptrains every converted checkpoint, and the multi-head baseline, for each alpha. */
  UPTRAIN("uptrain"),
  /** Fine-tunes every uptrained checkpoint on each task. */
  FINETUNE("finetune"),
  /** Decodes each task's test split with every fine-tuned checkpoint and scores it. */
  EVALUATE("evaluate"),
  /** Times decoding per sample for every uptrained variant. */
  DECODE_BENCHMARK("decode-benchmark");

  private final String optionName;

  ExperimentPhase(String optionName) {
    this.optionName = optionName;
  }

  /** Returns the name used by {@code --phase}, in run ids and in the runs table. */
  public String optionName() {
    return optionName;
  }

  /** Returns the phase named {@code name}, as {@code --phase} spells it. */
  public static ExperimentPhase fromOptionName(String name) {
    String requested = name.strip().toLowerCase(Locale.ROOT);
    for (ExperimentPhase phase : values()) {
      if (phase.optionName.equals(requested)) {
        return phase;
      }
    }
    throw ExperimentErrors.unknownPhase(name, names());
  }

  /** Returns the option names of all phases, in run order. */
  public static List<String> names() {
    return Arrays.stream(values()).map(ExperimentPhase::optionName).toList();
  }

  @Override
  public String toString() {
    return optionName;
  }
}
