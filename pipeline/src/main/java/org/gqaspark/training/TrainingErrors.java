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

  /** A setting outside its valid range. */
  public static IllegalArgumentException invalidSetting(String key, Object value,
      String requirement) {
    return new IllegalArgumentException("Invalid training setting " + key + ": must be "
        + requirement + " but got " + value + ".");
  }

  /** An example without input or target tokens. */
  public static IllegalArgumentException emptyExample(int inputLength, int targetLength) {
    return new IllegalArgumentException("A training example needs input and target tokens but"
        + " got " + inputLength + " input and " + targetLength + " target ids; check the"
        + " source table for empty rows.");
  }

  /** A chunk whose span corruption needs more sentinels than the vocabulary has. */
  public static IllegalArgumentException tooManyNoiseSpans(int length, int spans,
      int sentinels) {
    return new IllegalArgumentException("A chunk of " + length + " tokens gets " + spans
        + " noise spans but the vocabulary has only " + sentinels + " sentinel ids; lower"
        + " objective.span-corruption.input-length or raise the mean noise span length.");
  }

  /** A source with no records. */
  public static IllegalArgumentException emptySource(String label) {
    return new IllegalArgumentException("Training source " + label + " has no records; check"
        + " its dataset, split and tokenize run id against the examples table.");
  }

  /** A routed window that lacks the example of a slot, which routing never leaves. */
  public static IllegalStateException missingExample(long step, int slot, int partition) {
    return new IllegalStateException("Partition " + partition + " received no example for"
        + " step " + step + ", slot " + slot + ": a source's records are not indexed 0 .. n-1"
        + " without gaps. This is a bug in the source loading.");
  }

  /** Broadcast weights for a model with another number of parameters. */
  public static IllegalStateException layoutMismatch(int broadcast, int model) {
    return new IllegalStateException("The broadcast weights have " + broadcast
        + " parameters but the worker model has " + model + "; driver and workers must build"
        + " the same config.");
  }

  /** Broadcast weights with another size for one parameter. */
  public static IllegalStateException layoutMismatch(String name, int broadcast, int model) {
    return new IllegalStateException("The broadcast weights of " + name + " have " + broadcast
        + " values but the worker model has " + model + "; driver and workers must build the"
        + " same config.");
  }

  /** A compute backend whose tensors are not float arrays in JVM memory. */
  public static IllegalArgumentException unsupportedBackend(String tensorClass) {
    return new IllegalArgumentException("Data-parallel training exchanges float32 arrays, but"
        + " the model's tensors are " + tensorClass + "; train with FloatCompute.");
  }

  /** A step whose partitions returned nothing. */
  public static IllegalStateException noPartitionResults() {
    return new IllegalStateException("No partition returned a result for the step; the routed"
        + " data has no partitions.");
  }

  /** A global batch whose targets have no counted token. */
  public static IllegalStateException noTargetTokens(long step) {
    return new IllegalStateException("The global batch of step " + step + " has no target"
        + " tokens to train on; every example needs at least EOS as target.");
  }

  /** A trainer_state.json that cannot be read. */
  public static IllegalArgumentException invalidTrainerState(String source, String problem) {
    return new IllegalArgumentException("Invalid trainer state " + source + ": " + problem
        + ". The checkpoint was not written by this trainer or was edited; resume from"
        + " another checkpoint or start a new run id.");
  }

  /** A model checkpoint without the files that resuming needs. */
  public static IllegalArgumentException notATrainingCheckpoint(String dir, String missing) {
    return new IllegalArgumentException("Checkpoint " + dir + " has no " + missing
        + ", so training cannot resume from it. Delete it, or point output-dir at another"
        + " folder to start a new run.");
  }

  /** Too many consecutive non-finite steps. */
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

  /** A checkpoint written with other settings than the resuming run's. */
  public static IllegalArgumentException resumeMismatch(String checkpoint, String setting,
      Object saved, Object current) {
    return new IllegalArgumentException("Cannot resume from " + checkpoint + ": it was"
        + " written with " + setting + " = " + saved + " but this run has " + current
        + ". Restore the setting to continue this run, or use a new run id (or output-dir)"
        + " to start another.");
  }

  /** A HOCON value of the wrong type, or a missing required key. */
  public static IllegalArgumentException fromConfig(
      com.typesafe.config.ConfigException error) {
    return new IllegalArgumentException("Invalid training settings: " + error.getMessage(),
        error);
  }

  /** A vocabulary with more ids than the model's embedding has rows. */
  public static IllegalArgumentException vocabularyTooLarge(String vocabulary, int ids,
      int vocabSize) {
    return new IllegalArgumentException("Vocabulary " + vocabulary + " has " + ids + " ids"
        + " (sentinels included) but the model's vocab_size is " + vocabSize + "; use the"
        + " vocabulary the model was trained with, or a model with a larger vocab_size.");
  }

  /** A vocabulary whose pad or EOS id differs from the model config's. */
  public static IllegalArgumentException specialIdsDiffer(String vocabulary, int pad, int eos,
      int configPad, int configEos) {
    return new IllegalArgumentException("Vocabulary " + vocabulary + " has pad id " + pad
        + " and EOS id " + eos + " but the model config has " + configPad + " and "
        + configEos + "; train with the model's own vocabulary.");
  }

  /** A complete checkpoint in the way of a new one of the same step. */
  public static IllegalStateException checkpointExists(String dir) {
    return new IllegalStateException("Checkpoint " + dir + " is already complete, but the run"
        + " is about to write that step again; another job may be writing to the same run"
        + " folder. Use another run id or output-dir.");
  }
}
