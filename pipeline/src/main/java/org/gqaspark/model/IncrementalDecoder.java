package org.gqaspark.model;

import org.gqaspark.model.compute.AttentionMask;
import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.Tensor;

/**
 * Runs a T5 model for generation: the encoder once per batch of inputs, then the decoder one
 * position at a time over a {@link DecoderState}, as Hugging Face's
 * {@code T5ForConditionalGeneration} does with {@code use_cache=True}.
 *
 * <p>Per batch, {@link #start} runs the encoder, projects the encoder output into every
 * decoder layer's cross-attention keys and values (once, shared by the beams of a source
 * row) and allocates the self-attention caches. Each {@link #step} embeds one token per
 * row, appends its keys and values to every layer's cache, attends over the cache and the
 * source, and returns the logits of the next token. {@link #reorder} makes rows continue
 * other rows' caches, as beam search needs.
 *
 * <p>Layers run forward-only: activations are scratch tensors shared by all layers, so
 * memory is that of one layer plus the caches. The decoder's layer objects are separate from
 * any {@link T5Model} on the same parameters, so decoding between a training forward and
 * backward pass leaves the saved activations alone.
 *
 * <p>The weights that each step multiplies by its few rows (decoder projections and
 * feed-forward layers, the LM head) are copied into the backend's packed layout when the
 * decoder is created: about the size of the decoder and the LM head again, and a snapshot.
 * Create a new decoder after the parameters change, for example after training steps.
 *
 * <p>Dimensions: B source rows, T_enc source positions, K beams per source row, R = B * K
 * decoder rows, V vocabulary, d_model.
 *
 * <p>Not thread-safe; the threads it uses are those of the parameter store's
 * {@link Compute}, over (row, key/value head) pairs in attention.
 */
public final class IncrementalDecoder {

  private final T5Config config;
  private final Compute compute;
  private final T5Stack encoder;
  private final T5Stack decoder;
  private final LmHead head;
  private final Workspace decoderWorkspace;

  /**
   * Builds the encoder, the decoder and the LM head over {@code parameters}.
   *
   * @throws IllegalArgumentException when the store's parameters are not exactly the
   *     layout of {@code config}
   */
  public IncrementalDecoder(T5Config config, ParameterStore parameters) {
    T5Model.requireLayout(config, parameters);
    this.config = config;
    this.compute = parameters.compute();
    // Separate workspaces, because the encoder's activations are sized by the source length
    // and the decoder's by the number of rows: one shared workspace would reallocate both.
    Workspace encoderWorkspace = Workspace.forwardOnly(compute);
    this.decoderWorkspace = Workspace.forwardOnly(compute);
    DropoutSites sites = new DropoutSites(compute, config.dropoutRate());
    this.encoder = new T5Stack(compute, encoderWorkspace, parameters, config, false, sites);
    this.decoder = new T5Stack(compute, decoderWorkspace, parameters, config, true, sites);
    this.head = new LmHead(compute, parameters, config);
    decoder.packForDecoding();
    head.packForDecoding();
  }

  public T5Config config() {
    return config;
  }

  /** Returns the backend that contains the parameters and runs every step. */
  public Compute compute() {
    return compute;
  }

  /**
   * Encodes a batch of source rows and returns the state for decoding it with {@code beams}
   * rows per source row and up to {@code capacity} steps.
   *
   * @param inputIds source ids [B, T_enc], padded
   * @param attentionMask [B, T_enc], 1 for real tokens and 0 for padding
   * @throws IllegalArgumentException when a size, id or mask value is invalid
   */
  public DecoderState start(int[] inputIds, int[] attentionMask, int batch, int sourceLength,
      int beams, int capacity) {
    if (batch < 1 || sourceLength < 1 || beams < 1 || capacity < 1) {
      throw ModelErrors.invalidDecoderShape(batch, sourceLength, beams, capacity);
    }
    Seq2SeqBatch.requireLength("input_ids", inputIds, batch * sourceLength);
    Seq2SeqBatch.requireLength("attention_mask", attentionMask, batch * sourceLength);
    Seq2SeqBatch.requireIds("input_ids", inputIds, config.vocabSize(), false);
    Seq2SeqBatch.requireMask("attention_mask", attentionMask);

    // e = encoder(input_ids) [B*T_enc, d_model], padding hidden from attention
    AttentionMask sourceMask = AttentionMask.padding(attentionMask.clone(), sourceLength);
    Tensor encoderOutput = encoder.forward(inputIds, batch, sourceLength, sourceMask, null, 0,
        null, ForwardMode.EVAL);

    // Cross-attention K^T in panels and V [B, H_kv, T_enc, d_kv] of every decoder layer,
    // once per input
    int blocks = decoder.blockCount();
    int crossHeads = config.keyValueHeads(AttentionKind.CROSS);
    int width = compute.panelWidth();
    int panels = (sourceLength + width - 1) / width;
    KeyValues[] cross = new KeyValues[blocks];
    for (int i = 0; i < blocks; i++) {
      cross[i] = KeyValues.panelKeys(
          compute.zeros(batch, crossHeads, panels, config.dKv(), width),
          compute.zeros(batch, crossHeads, sourceLength, config.dKv()),
          sourceLength, crossHeads, config.dKv(), width);
    }
    decoder.projectCrossKeyValues(encoderOutput, batch, sourceLength, cross);

    // Self-attention caches [R, H_kv, capacity, d_kv], filled by the steps
    int selfHeads = config.keyValueHeads(AttentionKind.DECODER_SELF);
    LayerCache[] caches = new LayerCache[blocks];
    for (int i = 0; i < blocks; i++) {
      caches[i] = new LayerCache(compute, batch * beams, selfHeads, capacity, config.dKv());
    }
    return new DecoderState(batch, sourceLength, beams, capacity, caches, cross, sourceMask);
  }

  /**
   * Decodes one position: feeds {@code tokens} [R] (for the first step, the decoder start
   * token) at position {@code state.length()}, advances the state, and returns the logits
   * of the next token [R, V], a tensor of the backend that the next step overwrites.
   *
   * @throws IllegalArgumentException when {@code tokens} has the wrong length or an id
   *     outside the vocabulary
   * @throws IllegalStateException when the state's capacity is used up
   */
  public Tensor step(DecoderState state, int[] tokens) {
    Seq2SeqBatch.requireLength("decoder_input_ids", tokens, state.rows());
    Seq2SeqBatch.requireIds("decoder_input_ids", tokens, config.vocabSize(), false);
    if (state.length() >= state.capacity()) {
      throw ModelErrors.decoderCapacityExceeded(state.capacity());
    }
    int rows = state.rows();

    // d = decoder step (tokens) [R, d_model];  logits = s * d W^T [R, V]
    Tensor hidden = decoder.step(tokens, state);
    Tensor logits = decoderWorkspace.scratch("decoding.logits", rows, config.vocabSize());
    head.forward(hidden, logits, rows);
    state.advance();
    return logits;
  }

  /**
   * Makes decoder row r continue the self-attention cache of row {@code parents[r]}, for
   * every layer: beam search calls it when the beams of a source row change. Parents must
   * belong to the same source row as r; the cross-attention keys and values are per source
   * row and stay as they are.
   *
   * @param parents [R] the row each row continues
   * @throws IllegalArgumentException when a parent is out of range or in another source row
   */
  public void reorder(DecoderState state, int[] parents) {
    Seq2SeqBatch.requireLength("parents", parents, state.rows());
    boolean identity = true;
    for (int r = 0; r < parents.length; r++) {
      if (parents[r] < 0 || parents[r] >= parents.length
          || parents[r] / state.beams() != r / state.beams()) {
        throw ModelErrors.invalidParentRow(r, parents[r], state.beams());
      }
      identity &= parents[r] == r;
    }
    if (identity) {
      return;
    }
    for (LayerCache cache : state.selfCaches()) {
      cache.reorder(compute, parents, state.length());
    }
  }
}
