package org.gqaspark.model;

import org.gqaspark.model.RelativePositionBias.PositionBias;
import org.gqaspark.model.compute.AttentionMask;
import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.Tensor;

/**
 * One T5 block ({@code T5Block}): self-attention, then cross-attention in the decoder, then
 * the feed-forward network, each a residual sublayer. Dimensions: B batch rows, T positions
 * of this stack, T_enc encoder positions, N = B*T, d_model.
 */
final class T5Block {

  private final AttentionSublayer selfAttention;
  private final AttentionSublayer crossAttention; // null in the encoder
  private final FeedForwardSublayer feedForward;

  // Saved by forward for backward: the input of each sublayer [N, d_model].
  private Tensor input;
  private Tensor afterSelfAttention;
  private Tensor afterCrossAttention;

  T5Block(Compute compute, Workspace workspace, ParameterStore parameters, T5Config config,
      String stack, int block, boolean decoder, DropoutSites sites) {
    AttentionKind selfKind = decoder ? AttentionKind.DECODER_SELF : AttentionKind.ENCODER_SELF;
    this.selfAttention = new AttentionSublayer(compute, workspace, parameters, config, stack,
        block, 0, selfKind, sites);
    this.crossAttention = decoder ? new AttentionSublayer(compute, workspace, parameters,
        config, stack, block, 1, AttentionKind.CROSS, sites) : null;
    this.feedForward = new FeedForwardSublayer(compute, workspace, parameters, config, stack,
        block, decoder ? 2 : 1, sites);
  }

  /** Forward pass of x [N, d_model]; returns the block output [N, d_model]. */
  Tensor forward(Tensor x, int batch, int length, PositionBias bias, AttentionMask selfMask,
      Tensor encoderOutput, int encoderLength, AttentionMask crossMask, ForwardMode mode) {
    input = x;
    afterSelfAttention = selfAttention.forward(x, batch, length, null, length, bias, selfMask,
        mode);
    afterCrossAttention = afterSelfAttention;
    if (crossAttention != null) {
      afterCrossAttention = crossAttention.forward(afterSelfAttention, batch, length,
          encoderOutput, encoderLength, null, crossMask, mode);
    }
    return feedForward.forward(afterCrossAttention, batch * length, mode);
  }

  /**
   * Runs one decoding step of a decoder block for the R rows of {@code state}: returns the
   * block output [R, d_model] of x [R, d_model], a scratch tensor valid until the next step.
   */
  Tensor step(Tensor x, DecoderState state, int block, PositionBias bias) {
    Tensor afterSelf = selfAttention.step(x, state, block, bias);
    Tensor afterCross = crossAttention.step(afterSelf, state, block, null);
    return feedForward.forward(afterCross, state.rows(), ForwardMode.EVAL);
  }

  /** Packs the weights of a decoder block for decoding steps. */
  void packForDecoding() {
    selfAttention.packForDecoding();
    crossAttention.packForDecoding();
    feedForward.packForDecoding();
  }

  /** Writes this decoder block's cross-attention keys and values of the encoder output. */
  void projectCrossKeyValues(Tensor encoderOutput, int batch, int encoderLength,
      KeyValues target) {
    crossAttention.projectKeyValues(encoderOutput, batch, encoderLength, target);
  }

  /**
   * Backward pass: turns {@code dOut} [N, d_model] into the gradient of the block input in
   * place; cross-attention adds to {@code dEncoderOutput} [B*T_enc, d_model].
   */
  void backward(Tensor dOut, Tensor dEncoderOutput, RelativePositionBias positionBias) {
    feedForward.backward(afterCrossAttention, dOut);
    if (crossAttention != null) {
      crossAttention.backward(afterSelfAttention, dOut, dEncoderOutput, null);
    }
    selfAttention.backward(input, dOut, null, positionBias);
  }
}
