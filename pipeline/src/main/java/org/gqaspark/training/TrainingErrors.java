package org.gqaspark.training;

/**
 * Builds every exception of the training package, each with what failed, the value, the
 * limit and what to do.
 */
public final class TrainingErrors {

  private TrainingErrors() {}

  /** A run stopped because too many consecutive steps had a NaN or infinite loss or gradient. */
  public static final class NonFiniteStepsException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NonFiniteStepsException(String message) {
      super(message);
    }
  }

  /** Returns the error for a setting outside its valid range. */
  public static IllegalArgumentException invalidSetting(String key, Object value,
      String requirement) {
    return new IllegalArgumentException("Invalid training setting " + key + ": must be "
        + requirement + " but got " + value + ".");
  }

  /** Returns the error for an example without input or target tokens. */
  public static IllegalArgumentException emptyExample(int inputLength, int targetLength) {
    return new IllegalArgumentException("A training example needs input and target tokens but"
        + " got " + inputLength + " input and " + targetLength + " target ids; check the"
        + " source table for empty rows.");
  }

  /** Returns the error for a chunk that needs more sentinels than the vocabulary has. */
  public static IllegalArgumentException tooManyNoiseSpans(int length, int spans,
      int sentinels) {
    return new IllegalArgumentException("A chunk of " + length + " tokens gets " + spans
        + " noise spans but the vocabulary has only " + sentinels + " sentinel ids; lower"
        + " objective.span-corruption.input-length or raise the mean noise span length.");
  }

  /** Returns the error for a source with no records. */
  public static IllegalArgumentException emptySource(String label) {
    return new IllegalArgumentException("Training source " + label + " has no records; check"
        + " its dataset, split and tokenize run id against the examples table.");
  }

  /** Returns the error for a routed window without the example of a slot (a bug). */
  public static IllegalStateException missingExample(long step, int slot, int partition) {
    return new IllegalStateException("Partition " + partition + " received no example for"
        + " step " + step + ", slot " + slot + ": a source's records are not indexed 0 .. n-1"
        + " without gaps. This is a bug in the source loading.");
  }

  /** Returns the error for broadcast weights with another number of parameters. */
  public static IllegalStateException layoutMismatch(int broadcast, int model) {
    return new IllegalStateException("The broadcast weights have " + broadcast
        + " parameters but the worker model has " + model + "; driver and workers must build"
        + " the same config.");
  }

  /** Returns the error for broadcast weights with another size for one parameter. */
  public static IllegalStateException layoutMismatch(String name, int broadcast, int model) {
    return new IllegalStateException("The broadcast weights of " + name + " have " + broadcast
        + " values but the worker model has " + model + "; driver and workers must build the"
        + " same config.");
  }

  /** Returns the error for a backend whose tensors are not float arrays in JVM memory. */
  public static IllegalArgumentException unsupportedBackend(String tensorClass) {
    return new IllegalArgumentException("Data-parallel training exchanges float32 arrays, but"
        + " the model's tensors are " + tensorClass + "; train with FloatCompute.");
  }

  /** Returns the error for a step whose partitions returned nothing. */
  public static IllegalStateException noPartitionResults() {
    return new IllegalStateException("No partition returned a result for the step; the routed"
        + " data has no partitions.");
  }

  /** Returns the error for a global batch whose targets have no counted token. */
  public static IllegalStateException noTargetTokens(long step) {
    return new IllegalStateException("The global batch of step " + step + " has no target"
        + " tokens to train on; every example needs at least EOS as target.");
  }

  /** Returns the error for a trainer_state.json that cannot be read. */
  public static IllegalArgumentException invalidTrainerState(String source, String problem) {
    return new IllegalArgumentException("Invalid trainer state " + source + ": " + problem
        + ". The checkpoint was not written by this trainer or was edited; resume from"
        + " another checkpoint or start a new run id.");
  }

  /** Returns the error for a model checkpoint without the files that resuming needs. */
  public static IllegalArgumentException notATrainingCheckpoint(String dir, String missing) {
    return new IllegalArgumentException("Checkpoint " + dir + " has no " + missing
        + ", so training cannot resume from it. Delete it, or point output-dir at another"
        + " folder to start a new run.");
  }

  /** Returns the error for too many consecutive non-finite steps. */
  public static NonFiniteStepsException tooManyNonFiniteSteps(String runId, long step,
      long consecutive, double lastFiniteLoss, long lastFiniteStep) {
    String last = lastFiniteStep == 0 ? "no step of this run had a finite loss"
        : "the last finite loss was " + lastFiniteLoss + " at step " + lastFiniteStep;
    return new NonFiniteStepsException("Run " + runId + " failed at step " + step + ": "
        + consecutive + " consecutive steps had a NaN or infinite loss or gradient, which is"
        + " the limit max-consecutive-nonfinite-steps; " + last + ". Lower the learning rate,"
        + " enable gradient clipping (optimizer.max-grad-norm), or resume from an earlier"
        + " checkpoint.");
  }

  /** Returns the error for a checkpoint written with other settings than this run's. */
  public static IllegalArgumentException resumeMismatch(String checkpoint, String setting,
      Object saved, Object current) {
    return new IllegalArgumentException("Cannot resume from " + checkpoint + ": it was"
        + " written with " + setting + " = " + saved + " but this run has " + current
        + ". Restore the setting to continue this run, or use a new run id (or output-dir)"
        + " to start another.");
  }

  /** Returns the error for a HOCON value of the wrong type, or a missing required key. */
  public static IllegalArgumentException fromConfig(
      com.typesafe.config.ConfigException error) {
    return new IllegalArgumentException("Invalid training settings: " + error.getMessage(),
        error);
  }

  /** Returns the error for a vocabulary with more ids than the embedding has rows. */
  public static IllegalArgumentException vocabularyTooLarge(String vocabulary, int ids,
      int vocabSize) {
    return new IllegalArgumentException("Vocabulary " + vocabulary + " has " + ids + " ids"
        + " (sentinels included) but the model's vocab_size is " + vocabSize + "; use the"
        + " vocabulary the model was trained with, or a model with a larger vocab_size.");
  }

  /** Returns the error for a vocabulary whose pad or EOS id differs from the config's. */
  public static IllegalArgumentException specialIdsDiffer(String vocabulary, int pad, int eos,
      int configPad, int configEos) {
    return new IllegalArgumentException("Vocabulary " + vocabulary + " has pad id " + pad
        + " and EOS id " + eos + " but the model config has " + configPad + " and "
        + configEos + "; train with the model's own vocabulary.");
  }

  /** Returns the error for a complete checkpoint where a new one of its step goes. */
  public static IllegalStateException checkpointExists(String dir) {
    return new IllegalStateException("Checkpoint " + dir + " is already complete, but the run"
        + " is about to write that step again; another job may be writing to the same run"
        + " folder. Use another run id or output-dir.");
  }
}
