package org.gqaspark.model;

import java.util.ArrayList;
import java.util.List;
import org.gqaspark.model.RelativePositionBias.PositionBias;
import org.gqaspark.model.compute.AttentionMask;
import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.Tensor;

/**
 * The encoder or the decoder ({@code T5Stack}): embedding of the token ids with the shared
 * table, dropout, the blocks, the final RMS norm and dropout. Block 0's relative position
 * bias table serves every block of the stack.
 *
 * <p>Dimensions: B batch rows, T positions, T_enc encoder positions, N = B*T, V, d_model.
 */
final class T5Stack {

  private final Compute compute;
  private final Workspace workspace;
  private final Parameter shared; // E [V, d_model]
  private final Dropout embeddingDropout;
  private final List<T5Block> blocks = new ArrayList<>();
  private final RmsNorm finalNorm;
  private final Dropout finalDropout;
  private final RelativePositionBias positionBias;
  private final String stack; // "encoder" or "decoder", the prefix of its parameter names
  private final int dModel;

  // Saved by forward for backward.
  private int[] ids; // [N]
  private Tensor embedded; // dropout(E[ids]) [N, d_model], the input of block 0
  private Tensor lastHidden; // output of the last block [N, d_model]
  private Tensor inverseRms; // of the final norm [N]
  private Tensor output; // dropout(norm(lastHidden)) [N, d_model]

  T5Stack(Compute compute, Workspace workspace, ParameterStore parameters, T5Config config,
      boolean decoder, DropoutSites sites) {
    String stack = decoder ? T5ParameterLayout.DECODER : T5ParameterLayout.ENCODER;
    this.compute = compute;
    this.workspace = workspace;
    this.stack = stack;
    this.dModel = config.dModel();
    this.shared = parameters.get(T5ParameterLayout.SHARED);
    this.embeddingDropout = sites.next();
    int count = decoder ? config.numDecoderLayers() : config.numLayers();
    for (int i = 0; i < count; i++) {
      blocks.add(new T5Block(compute, workspace, parameters, config, stack, i, decoder, sites));
    }
    this.finalNorm = new RmsNorm(compute, parameters.get(
        T5ParameterLayout.finalLayerNorm(stack)), config.layerNormEpsilon());
    this.finalDropout = sites.next();
    this.positionBias = new RelativePositionBias(compute, parameters.get(
        T5ParameterLayout.relativeAttentionBias(stack)), !decoder,
        config.relativeAttentionNumBuckets(), config.relativeAttentionMaxDistance());
  }

  /**
   * Forward pass over token ids [B*T]; returns the stack output [N, d_model], valid until
   * the next forward.
   *
   * @param encoderOutput [B*T_enc, d_model] for the decoder, null for the encoder
   */
  Tensor forward(int[] ids, int batch, int length, AttentionMask selfMask,
      Tensor encoderOutput, int encoderLength, AttentionMask crossMask, ForwardMode mode) {
    int rows = batch * length;
    this.ids = ids.clone();
    embedded = workspace.activation(embedded, stack + ".embedded", rows, dModel);
    inverseRms = workspace.activation(inverseRms, stack + ".inverseRms", rows);
    output = workspace.activation(output, stack + ".output", rows, dModel);

    // h_0 = dropout(E[ids])
    compute.gatherRows(shared.value(), ids, embedded);
    embeddingDropout.forward(embedded, mode);

    // h_i = block_i(h_{i-1}), all blocks adding the same position bias [H, T, T]
    PositionBias bias = positionBias.forward(length, length, 0);
    Tensor hidden = embedded;
    for (T5Block block : blocks) {
      hidden = block.forward(hidden, batch, length, bias, selfMask, encoderOutput,
          encoderLength, crossMask, mode);
    }
    lastHidden = hidden;

    // out = dropout(norm(h_L))
    finalNorm.forward(lastHidden, output, inverseRms);
    finalDropout.forward(output, mode);
    return output;
  }

  /**
   * Runs one decoding step of the decoder for the R rows of {@code state} at position t =
   * {@code state.length()}: embeds {@code ids} [R], runs every block over the caches and
   * returns norm(h_L) [R, d_model], a scratch tensor valid until the next step. The caller
   * advances the state.
   */
  Tensor step(int[] ids, DecoderState state) {
    int rows = state.rows();
    int position = state.length();
    Tensor hidden = workspace.scratch(stack + ".stepEmbedded", rows, dModel);
    Tensor stepInverseRms = workspace.scratch(stack + ".stepInverseRms", rows);
    Tensor out = workspace.scratch(stack + ".stepOutput", rows, dModel);

    // h_0 = E[ids]
    compute.gatherRows(shared.value(), ids, hidden);

    // h_i = block_i(h_{i-1}), all blocks adding the bias of query t over keys 0..t [H, 1, t+1]
    PositionBias bias = positionBias.forward(1, position + 1, position);
    for (int i = 0; i < blocks.size(); i++) {
      hidden = blocks.get(i).step(hidden, state, i, bias);
    }

    // out = norm(h_L)
    finalNorm.forward(hidden, out, stepInverseRms);
    return out;
  }

  /**
   * Decoder only: writes every block's cross-attention keys and values of the encoder
   * output [B*T_enc, d_model] into {@code targets}, one per block.
   */
  void projectCrossKeyValues(Tensor encoderOutput, int batch, int encoderLength,
      KeyValues[] targets) {
    for (int i = 0; i < blocks.size(); i++) {
      blocks.get(i).projectCrossKeyValues(encoderOutput, batch, encoderLength, targets[i]);
    }
  }

  /**
   * Decoder only: keeps packed copies of the weights that decoding steps multiply by few
   * rows (see {@link Linear#packForDecoding}); later changes to the parameters do not reach
   * this stack's steps.
   */
  void packForDecoding() {
    for (T5Block block : blocks) {
      block.packForDecoding();
    }
  }

  int blockCount() {
    return blocks.size();
  }

  /**
   * Backward pass from dOut [N, d_model], which it overwrites; for the decoder, adds the
   * encoder output's gradient to {@code dEncoderOutput}.
   */
  void backward(Tensor dOut, Tensor dEncoderOutput) {
    int rows = ids.length;

    // out = dropout(norm(h_L)):  dh_L = norm backward (mask * dOut / (1 - rate))
    finalDropout.backward(dOut);
    Tensor dHidden = workspace.scratch("stack.dHidden", rows, dModel);
    compute.fill(dHidden, 0f);
    finalNorm.backward(dOut, lastHidden, inverseRms, dHidden);

    // h_i = block_i(h_{i-1}):  dh_{i-1}, in place
    for (int i = blocks.size() - 1; i >= 0; i--) {
      blocks.get(i).backward(dHidden, dEncoderOutput, positionBias);
    }

    // h_0 = dropout(E[ids]):  dE[ids] += mask * dh_0 / (1 - rate)
    embeddingDropout.backward(dHidden);
    compute.scatterAddRows(dHidden, ids, shared.gradient());
  }
}
