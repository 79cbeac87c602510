package org.gqaspark.model;

import java.util.Arrays;
import java.util.Collection;

/** Builds every exception of the model package, each with the value, the limit and a fix. */
public final class ModelErrors {

  private ModelErrors() {}

  /** An invalid model configuration value; {@link #detail} omits where the config came from. */
  public static final class InvalidConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String detail;

    InvalidConfigException(String message, String detail, Throwable cause) {
      super(message, cause);
      this.detail = detail;
    }

    public String detail() {
      return detail;
    }
  }

  /** A config value that T5 or this engine does not accept. */
  public static InvalidConfigException invalidConfigValue(
      String key, Object value, String requirement) {
    String detail = "\"" + key + "\" must be " + requirement + " but got " + value + ".";
    return new InvalidConfigException("Invalid model config: " + detail, detail, null);
  }

  /** Key/value heads that do not split the query heads into equal contiguous groups. */
  public static InvalidConfigException headsNotDivisible(int heads, int kvHeads) {
    String detail = "num_key_value_heads (" + kvHeads + ") must divide num_heads (" + heads
        + ") so that every group has the same number of query heads; choose a divisor of "
        + heads + ".";
    return new InvalidConfigException("Invalid model config: " + detail, detail, null);
  }

  /** The same error, naming the config.json it came from. */
  public static InvalidConfigException inConfigFile(String source, InvalidConfigException e) {
    return new InvalidConfigException("Invalid model config " + source + ": " + e.detail()
        + " Fix the value in config.json.", e.detail(), e);
  }

  /** A config.json that is not a JSON object. */
  public static InvalidConfigException unreadableConfig(String source, Exception cause) {
    String detail = "not a JSON object (" + cause.getMessage() + ").";
    return new InvalidConfigException("Could not parse model config " + source + ": " + detail,
        detail, cause);
  }

  /** Two parameters with the same name in one store. */
  public static IllegalArgumentException duplicateParameter(String name) {
    return new IllegalArgumentException("Parameter " + name + " is declared twice; every"
        + " parameter name must be unique.");
  }

  /** A parameter name that the model does not have. */
  public static IllegalArgumentException unknownParameter(String name, Collection<String> known) {
    String hint = known.isEmpty() ? "" : " Known names start with: "
        + String.join(", ", known.stream().limit(5).toList()) + ", ...";
    return new IllegalArgumentException("Unknown parameter " + name + " for this T5 layout;"
        + " check the name against Hugging Face's state-dict names." + hint);
  }

  /** Values of the wrong size for a parameter. */
  public static IllegalArgumentException parameterSizeMismatch(ParameterSpec spec, int length) {
    return new IllegalArgumentException("Parameter " + spec.name() + " has shape "
        + Arrays.toString(spec.shape()) + " (" + spec.size() + " values) but got " + length
        + " values; the checkpoint does not match the model config.");
  }

  /** A parameter store without a parameter the config needs. */
  public static IllegalArgumentException missingParameter(ParameterSpec spec) {
    return new IllegalArgumentException("Parameter " + spec + " is missing from the parameter"
        + " store; build the store with ParameterStore.forModel for the same config.");
  }

  /** A parameter store whose tensor shape disagrees with the config. */
  public static IllegalArgumentException parameterShapeMismatch(ParameterSpec spec,
      int[] actual) {
    return new IllegalArgumentException("Parameter " + spec.name() + " must have shape "
        + Arrays.toString(spec.shape()) + " for this config but has shape "
        + Arrays.toString(actual) + "; build the store for the same config.");
  }

  /** A parameter store with a parameter the config does not have. */
  public static IllegalArgumentException unexpectedParameter(String name) {
    return new IllegalArgumentException("Parameter " + name + " is not part of this config's"
        + " layout (tie_word_embeddings or the layer counts may differ); build the store for"
        + " the same config.");
  }

  /** A batch with a non-positive dimension. */
  public static IllegalArgumentException invalidBatchShape(int batch, int source, int target) {
    return new IllegalArgumentException("Batch size, source length and target length must"
        + " be positive but got " + batch + ", " + source + " and " + target + ".");
  }

  /** A batch field of the wrong length. */
  public static IllegalArgumentException batchFieldLength(String field, int length,
      int expected) {
    return new IllegalArgumentException("Batch field " + field + " must have " + expected
        + " entries (rows times length) but " + (length < 0 ? "is missing" : "has " + length)
        + ".");
  }

  /** A token id outside the vocabulary. */
  public static IllegalArgumentException tokenOutOfRange(String field, int position, int id,
      int vocabSize) {
    return new IllegalArgumentException("Batch field " + field + " has token id " + id
        + " at position " + position + "; ids must be in [0, vocab_size = " + vocabSize
        + ")" + (field.equals("labels") ? " or -100 to ignore the position" : "") + ".");
  }

  /** A mask entry other than 0 or 1. */
  public static IllegalArgumentException invalidMaskValue(String field, int position,
      int value) {
    return new IllegalArgumentException("Batch field " + field + " must contain only 0 and 1"
        + " but has " + value + " at position " + position + ".");
  }

  /** Logits read after backward overwrote them. */
  public static IllegalStateException logitsUnavailable() {
    return new IllegalStateException("The logits of the last forward pass were overwritten by"
        + " backward (or no forward pass ran); read them before calling backward.");
  }

  /** Backward without a forward pass whose logits are still there. */
  public static IllegalStateException backwardWithoutForward() {
    return new IllegalStateException("backward needs a forward pass of the same batch first,"
        + " and runs once per forward pass.");
  }

  /** A loss or backward pass requested on a batch without labels. */
  public static IllegalArgumentException labelsRequired() {
    return new IllegalArgumentException("The batch has no labels, so no loss or gradient can"
        + " be computed; build it with labels (Seq2SeqBatch.fromLabels).");
  }

  /** Returns the error for a backward pass over keys in the decoding layout. */
  public static IllegalStateException panelKeysInBackward() {
    return new IllegalStateException("Attention backward needs keys in the projection layout"
        + " [B, T_k, H_kv * d_kv]; keys in panels exist only while decoding, which has no"
        + " backward pass.");
  }

  /** Returns the error for a decoding batch with a non-positive dimension. */
  public static IllegalArgumentException invalidDecoderShape(int batch, int sourceLength,
      int beams, int capacity) {
    return new IllegalArgumentException("Batch size, source length, beams and cache capacity"
        + " must be positive but got " + batch + ", " + sourceLength + ", " + beams + " and "
        + capacity + ".");
  }

  /** Returns the error for a decoding step beyond the capacity of the self-attention caches. */
  public static IllegalStateException decoderCapacityExceeded(int capacity) {
    return new IllegalStateException("The decoder state has room for " + capacity
        + " positions and all are used; start the batch with a capacity of at least the"
        + " maximum number of decoding steps.");
  }

  /** Returns the error for a cache reorder that moves a row to another source row. */
  public static IllegalArgumentException invalidParentRow(int row, int parent, int beams) {
    return new IllegalArgumentException("Decoder row " + row + " cannot continue row " + parent
        + ": a parent must be one of the " + beams + " rows of the same source row (rows "
        + (row / beams) * beams + " to " + ((row / beams) * beams + beams - 1) + ").");
  }
}
