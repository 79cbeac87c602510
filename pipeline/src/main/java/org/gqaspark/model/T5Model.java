package org.gqaspark.model;

import java.util.Arrays;
import java.util.List;
import org.gqaspark.model.compute.AttentionMask;
import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.Tensor;

/**
 * T5 for conditional generation, computed as Hugging Face's
 * {@code T5ForConditionalGeneration} (transformers 4.x), with grouped-query attention in the
 * attention kinds that the config names. A forward pass keeps the activations that the
 * hand-written backward pass needs; gradients are added to the {@link ParameterStore}.
 *
 * <p>Dimensions: B batch rows, T_enc source positions, T_dec target positions, V, d_model.
 *
 * <p>Not thread-safe: one model object per training task. The threads it uses are those of
 * the parameter store's {@link Compute}.
 */
public final class T5Model {

  private final T5Config config;
  private final ParameterStore parameters;
  private final Compute compute;
  private final Workspace workspace;
  private final T5Stack encoder;
  private final T5Stack decoder;
  private final LmHead head;

  // Saved by forward for backward.
  private Seq2SeqBatch batch;
  private Tensor decoderOutput; // [B*T_dec, d_model]
  private Tensor logits; // [B*T_dec, V]
  private int[] targets; // [B*T_dec], -1 where no loss is taken
  private boolean logitsValid;

  /**
   * Builds the model's layers over {@code parameters}.
   *
   * @throws IllegalArgumentException when the store's parameters are not exactly the
   *     layout of {@code config}
   */
  public T5Model(T5Config config, ParameterStore parameters) {
    requireLayout(config, parameters);
    this.config = config;
    this.parameters = parameters;
    this.compute = parameters.compute();
    this.workspace = new Workspace(compute);
    DropoutSites sites = new DropoutSites(compute, config.dropoutRate());
    this.encoder = new T5Stack(compute, workspace, parameters, config, false, sites);
    this.decoder = new T5Stack(compute, workspace, parameters, config, true, sites);
    this.head = new LmHead(compute, parameters, config);
  }

  public T5Config config() {
    return config;
  }

  public ParameterStore parameters() {
    return parameters;
  }

  /**
   * Runs the encoder, the decoder and the LM head, and the loss when the batch has labels.
   * The logits stay available through {@link #logits()} until {@link #backward} or the next
   * forward.
   *
   * @return the loss sum and counted tokens; zero tokens when the batch has no labels
   */
  public LossResult forward(Seq2SeqBatch batch, ForwardMode mode) {
    runForward(batch, mode);
    if (batch.labels() == null) {
      return new LossResult(0, 0);
    }
    return new LossResult(compute.crossEntropy(logits, targets, null, 0), countTargets());
  }

  /**
   * Logits [B*T_dec, V] of the last forward.
   *
   * @throws IllegalStateException after {@link #backward}, which overwrites them
   */
  public Tensor logits() {
    if (!logitsValid) {
      throw ModelErrors.logitsUnavailable();
    }
    return logits;
  }

  /**
   * Backward pass of the last forward: adds the gradient of {@code gradScale * loss sum}
   * to every parameter's gradient (use 1 / tokens for the mean loss). Overwrites the logits
   * with their gradient.
   */
  public void backward(double gradScale) {
    if (!logitsValid) {
      throw ModelErrors.backwardWithoutForward();
    }
    requireLabels();
    compute.crossEntropy(logits, targets, logits, gradScale);
    backwardFromLogits();
  }

  /**
   * Runs one training pass: forward, loss, and backward of the mean loss over counted
   * tokens (Hugging Face's reduction). The gradients are added to the stored ones, so zero
   * them before the first batch of a step.
   */
  public LossResult forwardBackward(Seq2SeqBatch batch, ForwardMode mode) {
    runForward(batch, mode);
    requireLabels();
    int tokens = countTargets();
    return forwardBackwardScaled(tokens, tokens == 0 ? 0 : 1.0 / tokens);
  }

  /**
   * Runs one training pass whose gradients are those of {@code gradScale * loss sum}.
   * Data-parallel training passes 1 / (tokens of the global batch).
   */
  public LossResult forwardBackward(Seq2SeqBatch batch, ForwardMode mode, double gradScale) {
    runForward(batch, mode);
    requireLabels();
    return forwardBackwardScaled(countTargets(), gradScale);
  }

  private LossResult forwardBackwardScaled(int tokens, double gradScale) {
    // Loss and its gradient in one pass over the logits, overwriting them.
    double sum = compute.crossEntropy(logits, targets, logits, gradScale);
    backwardFromLogits();
    return new LossResult(sum, tokens);
  }

  private void runForward(Seq2SeqBatch batch, ForwardMode mode) {
    batch.validate(config);
    this.batch = batch;
    int rows = batch.batchSize() * batch.targetLength();

    // encoder: e = encoder(input_ids) [B*T_enc, d_model], padding hidden from attention
    AttentionMask encoderMask = AttentionMask.padding(batch.attentionMask(),
        batch.sourceLength());
    Tensor encoderOutput = encoder.forward(batch.inputIds(), batch.batchSize(),
        batch.sourceLength(), encoderMask, null, 0, null, mode);

    // decoder: d = decoder(decoder_input_ids, e) [B*T_dec, d_model], causal
    AttentionMask decoderMask = AttentionMask.causal(batch.decoderAttentionMask(),
        batch.targetLength(), 0);
    decoderOutput = decoder.forward(batch.decoderInputIds(), batch.batchSize(),
        batch.targetLength(), decoderMask, encoderOutput, batch.sourceLength(), encoderMask,
        mode);

    // logits = s * d W^T [B*T_dec, V]
    logits = workspace.reuse(logits, rows, config.vocabSize());
    head.forward(decoderOutput, logits, rows);
    targets = batch.labels() == null ? null : batch.lossTargets();
    logitsValid = true;
  }

  /** Backward from the logits' gradient, which {@link #logits} holds. */
  private void backwardFromLogits() {
    logitsValid = false;
    int rows = batch.batchSize() * batch.targetLength();
    int encoderRows = batch.batchSize() * batch.sourceLength();

    // logits = s d W^T:  dd [B*T_dec, d_model]
    Tensor dDecoderOutput = workspace.scratch("model.dDecoderOutput", rows, config.dModel());
    head.backward(decoderOutput, logits, dDecoderOutput, rows);

    // decoder, then encoder with the gradient of e that every cross-attention added
    Tensor dEncoderOutput = workspace.scratch("model.dEncoderOutput", encoderRows,
        config.dModel());
    compute.fill(dEncoderOutput, 0f);
    decoder.backward(dDecoderOutput, dEncoderOutput);
    encoder.backward(dEncoderOutput, null);
  }

  private void requireLabels() {
    if (batch.labels() == null) {
      throw ModelErrors.labelsRequired();
    }
  }

  private int countTargets() {
    int count = 0;
    for (int target : targets) {
      if (target >= 0) {
        count++;
      }
    }
    return count;
  }

  /** Checks that {@code parameters} contains exactly the parameters of {@code config}'s layout. */
  static void requireLayout(T5Config config, ParameterStore parameters) {
    List<ParameterSpec> expected = T5ParameterLayout.of(config);
    for (ParameterSpec spec : expected) {
      if (!parameters.contains(spec.name())) {
        throw ModelErrors.missingParameter(spec);
      }
      int[] actual = parameters.get(spec.name()).spec().shape();
      if (!Arrays.equals(actual, spec.shape())) {
        throw ModelErrors.parameterShapeMismatch(spec, actual);
      }
    }
    if (parameters.names().size() != expected.size()) {
      List<String> names = expected.stream().map(ParameterSpec::name).toList();
      String extra = parameters.names().stream().filter(n -> !names.contains(n)).findFirst()
          .orElse("?");
      throw ModelErrors.unexpectedParameter(extra);
    }
  }
}
