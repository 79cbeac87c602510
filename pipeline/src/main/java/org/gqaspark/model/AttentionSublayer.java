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
    normed = workspace.reuse(normed, rows, dModel);
    inverseRms = workspace.reuse(inverseRms, rows);
    output = workspace.reuse(output, rows, dModel);

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
