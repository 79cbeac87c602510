package org.gqaspark.model;

/**
 * One batch of sequence-to-sequence examples, row-major and padded to fixed lengths, with
 * the fields of Hugging Face's {@code T5ForConditionalGeneration.forward}.
 *
 * <p>Dimensions: B batch rows, T_enc source positions, T_dec target positions.
 *
 * @param inputIds source token ids [B, T_enc]
 * @param attentionMask [B, T_enc], 1 for real tokens and 0 for padding
 * @param decoderInputIds decoder input ids [B, T_dec]
 * @param decoderAttentionMask [B, T_dec], or null for all ones; padded positions are hidden
 *     from decoder self-attention and do not count in the loss
 * @param labels target ids [B, T_dec], {@link #IGNORE_INDEX} where no loss is taken, or null
 *     when no loss is wanted
 */
public record Seq2SeqBatch(int batchSize, int sourceLength, int targetLength, int[] inputIds,
    int[] attentionMask, int[] decoderInputIds, int[] decoderAttentionMask, int[] labels) {

  /** Label of a position that the loss ignores, as PyTorch's CrossEntropyLoss default. */
  public static final int IGNORE_INDEX = -100;

  public Seq2SeqBatch {
    if (batchSize < 1 || sourceLength < 1 || targetLength < 1) {
      throw ModelErrors.invalidBatchShape(batchSize, sourceLength, targetLength);
    }
    requireLength("input_ids", inputIds, batchSize * sourceLength);
    requireLength("attention_mask", attentionMask, batchSize * sourceLength);
    requireLength("decoder_input_ids", decoderInputIds, batchSize * targetLength);
    if (decoderAttentionMask != null) {
      requireLength("decoder_attention_mask", decoderAttentionMask, batchSize * targetLength);
    }
    if (labels != null) {
      requireLength("labels", labels, batchSize * targetLength);
    }
  }

  /**
   * Builds a training batch from labels as Hugging Face does when only labels are given
   * ({@code T5PreTrainedModel._shift_right}): the decoder input is the decoder start token
   * followed by the labels shifted right by one, with {@link #IGNORE_INDEX} replaced by the
   * pad token.
   */
  public static Seq2SeqBatch fromLabels(int batchSize, int sourceLength, int targetLength,
      int[] inputIds, int[] attentionMask, int[] labels, int[] decoderAttentionMask,
      T5Config config) {
    requireLength("labels", labels, batchSize * targetLength);
    int[] decoderInputIds = new int[batchSize * targetLength];
    for (int b = 0; b < batchSize; b++) {
      int row = b * targetLength;
      decoderInputIds[row] = config.decoderStartTokenId();
      for (int t = 1; t < targetLength; t++) {
        int label = labels[row + t - 1];
        decoderInputIds[row + t] = label == IGNORE_INDEX ? config.padTokenId() : label;
      }
    }
    return new Seq2SeqBatch(batchSize, sourceLength, targetLength, inputIds, attentionMask,
        decoderInputIds, decoderAttentionMask, labels);
  }

  /**
   * Target id per decoder position for the loss, -1 where it does not count: labels of
   * {@link #IGNORE_INDEX} and positions that the decoder attention mask pads.
   */
  int[] lossTargets() {
    int[] targets = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      boolean padded = decoderAttentionMask != null && decoderAttentionMask[i] == 0;
      targets[i] = labels[i] == IGNORE_INDEX || padded ? -1 : labels[i];
    }
    return targets;
  }

  /** Checks every id against the vocabulary of {@code config}. */
  void validate(T5Config config) {
    requireIds("input_ids", inputIds, config.vocabSize(), false);
    requireIds("decoder_input_ids", decoderInputIds, config.vocabSize(), false);
    if (labels != null) {
      requireIds("labels", labels, config.vocabSize(), true);
    }
    requireMask("attention_mask", attentionMask);
    if (decoderAttentionMask != null) {
      requireMask("decoder_attention_mask", decoderAttentionMask);
    }
  }

  static void requireLength(String field, int[] values, int expected) {
    if (values == null || values.length != expected) {
      throw ModelErrors.batchFieldLength(field, values == null ? -1 : values.length, expected);
    }
  }

  static void requireIds(String field, int[] ids, int vocabSize, boolean allowIgnore) {
    for (int i = 0; i < ids.length; i++) {
      boolean ignored = allowIgnore && ids[i] == IGNORE_INDEX;
      if (!ignored && (ids[i] < 0 || ids[i] >= vocabSize)) {
        throw ModelErrors.tokenOutOfRange(field, i, ids[i], vocabSize);
      }
    }
  }

  static void requireMask(String field, int[] mask) {
    for (int i = 0; i < mask.length; i++) {
      if (mask[i] != 0 && mask[i] != 1) {
        throw ModelErrors.invalidMaskValue(field, i, mask[i]);
      }
    }
  }
}
