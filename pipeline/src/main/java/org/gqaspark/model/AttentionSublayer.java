package org.gqaspark.model;

import org.gqaspark.model.RelativePositionBias.PositionBias;
import org.gqaspark.model.compute.AttentionMask;
import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.Tensor;

/**
 * A pre-norm residual attention sublayer ({@code T5LayerSelfAttention} or
 * {@code T5LayerCrossAttention}): {@code out = x + dropout(attention(norm(x), kv))}, where kv
 * is norm(x) for self-attention and the encoder output for cross-attention.
 *
 * <p>Dimensions: B batch rows, T positions of this stack, T_k key positions, N = B*T,
 * d_model.
 */
final class AttentionSublayer {

  private final Compute compute;
  private final Workspace workspace;
  private final boolean cross;
  private final String role; // prefix of this kind's activation roles in the workspace
  private final RmsNorm norm;
  private final Attention attention;
  private final Dropout dropout;
  private final int dModel;

  // Saved by forward for backward.
  private Tensor normed; // norm(x) [N, d_model]
  private Tensor inverseRms; // [N]
  private Tensor keyValueInput; // norm(x), or the encoder output [B*T_k, d_model]
  private Tensor output; // out [N, d_model]

  AttentionSublayer(Compute compute, Workspace workspace, ParameterStore parameters,
      T5Config config, String stack, int block, int layer, AttentionKind kind,
      DropoutSites sites) {
    this.compute = compute;
    this.workspace = workspace;
    this.cross = kind == AttentionKind.CROSS;
    this.role = kind.jsonName() + "Sublayer";
    this.dModel = config.dModel();
    this.norm = new RmsNorm(compute, parameters.get(T5ParameterLayout.layerNorm(stack, block,
        layer)), config.layerNormEpsilon());
    this.attention = new Attention(compute, workspace, parameters, config, stack, block, layer,
        kind, sites.next());
    this.dropout = sites.next();
  }

  /**
   * Forward pass; returns out [N, d_model], which stays valid until the next forward.
   *
   * @param encoderOutput the encoder output [B*T_k, d_model] for cross-attention, else null
   */
  Tensor forward(Tensor x, int batch, int length, Tensor encoderOutput, int keyLength,
      PositionBias bias, AttentionMask mask, ForwardMode mode) {
    int rows = batch * length;
    normed = workspace.activation(normed, role + ".normed", rows, dModel);
    inverseRms = workspace.activation(inverseRms, role + ".inverseRms", rows);
    output = workspace.activation(output, role + ".output", rows, dModel);

    // n = norm(x)
    norm.forward(x, normed, inverseRms);

    // a = dropout(attention(n, kv))
    keyValueInput = cross ? encoderOutput : normed;
    attention.forward(normed, keyValueInput, batch, length, cross ? keyLength : length, bias,
        mask, mode, output);
    dropout.forward(output, mode);

    // out = x + a
    compute.addInPlace(output, x);
    return output;
  }

  /**
   * Runs one decoding step: out [R, d_model] = x + attention(norm(x)), over the self-attention
   * cache of block {@code block} of {@code state} or over its cross-attention keys and
   * values. Returns a scratch tensor of the workspace, valid until the next step.
   *
   * @param bias position bias of the step's query position, for self-attention
   */
  Tensor step(Tensor x, DecoderState state, int block, PositionBias bias) {
    int rows = state.rows();
    Tensor stepNormed = workspace.scratch(role + ".stepNormed", rows, dModel);
    Tensor stepInverseRms = workspace.scratch(role + ".stepInverseRms", rows);
    Tensor out = workspace.scratch(role + ".stepOutput", rows, dModel);

    // n = norm(x);  a = attention(n, cache);  out = x + a
    norm.forward(x, stepNormed, stepInverseRms);
    if (cross) {
      attention.crossAttentionStep(stepNormed, state.batch(), state.beams(),
          state.crossKeyValues(block), state.crossMask(), out);
    } else {
      attention.selfAttentionStep(stepNormed, state.selfCache(block), state.length(), bias,
          out);
    }
    compute.addInPlace(out, x);
    return out;
  }

  void packForDecoding() {
    attention.packForDecoding();
  }

  /** Cross-attention only: see {@link Attention#projectKeyValues}. */
  void projectKeyValues(Tensor encoderOutput, int batch, int encoderLength, KeyValues target) {
    attention.projectKeyValues(encoderOutput, batch, encoderLength, target.keys(),
        target.values());
  }

  /**
   * Backward pass: turns {@code dOut} [N, d_model] into dx in place, and for cross-attention
   * adds the encoder output's gradient to {@code dEncoderOutput}.
   */
  void backward(Tensor x, Tensor dOut, Tensor dEncoderOutput,
      RelativePositionBias positionBias) {
    int rows = normed.dim(0);

    // out = x + dropout(a):  da = mask * dOut / (1 - rate), and dx = dOut + (path through a)
    Tensor dAttention = workspace.scratch("sublayer.dOutput", rows, dModel);
    compute.copy(dOut, dAttention);
    dropout.backward(dAttention);

    // a = attention(n, kv):  dn, and dkv into dn (self) or dEncoderOutput (cross)
    Tensor dNormed = workspace.scratch("sublayer.dNormed", rows, dModel);
    attention.backward(normed, keyValueInput, dAttention, dNormed,
        cross ? dEncoderOutput : dNormed, positionBias);

    // n = norm(x):  dx += norm backward (dn)
    norm.backward(dNormed, x, inverseRms, dOut);
  }
}
