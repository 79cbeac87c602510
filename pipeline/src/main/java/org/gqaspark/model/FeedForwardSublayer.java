package org.gqaspark.model;

import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.Tensor;

/**
 * A pre-norm residual feed-forward sublayer ({@code T5LayerFF}):
 * {@code out = x + dropout(FF(norm(x)))}. Dimensions: N rows (tokens), d_model.
 */
final class FeedForwardSublayer {

  private final Compute compute;
  private final Workspace workspace;
  private final RmsNorm norm;
  private final FeedForward feedForward;
  private final Dropout dropout;
  private final int dModel;

  // Saved by forward for backward.
  private Tensor normed; // norm(x) [N, d_model]
  private Tensor inverseRms; // [N]
  private Tensor output; // out [N, d_model]

  FeedForwardSublayer(Compute compute, Workspace workspace, ParameterStore parameters,
      T5Config config, String stack, int block, int layer, DropoutSites sites) {
    this.compute = compute;
    this.workspace = workspace;
    this.dModel = config.dModel();
    this.norm = new RmsNorm(compute, parameters.get(T5ParameterLayout.layerNorm(stack, block,
        layer)), config.layerNormEpsilon());
    this.feedForward = new FeedForward(compute, workspace, parameters, config, stack, block,
        layer, sites.next());
    this.dropout = sites.next();
  }

  void packForDecoding() {
    feedForward.packForDecoding();
  }

  /** Forward pass; returns out [N, d_model], valid until the next forward. */
  Tensor forward(Tensor x, int rows, ForwardMode mode) {
    normed = workspace.activation(normed, "feedForwardSublayer.normed", rows, dModel);
    inverseRms = workspace.activation(inverseRms, "feedForwardSublayer.inverseRms", rows);
    output = workspace.activation(output, "feedForwardSublayer.output", rows, dModel);

    // n = norm(x);  f = dropout(FF(n));  out = x + f
    norm.forward(x, normed, inverseRms);
    feedForward.forward(normed, output, rows, mode);
    dropout.forward(output, mode);
    compute.addInPlace(output, x);
    return output;
  }

  /** Backward pass: turns {@code dOut} [N, d_model] into dx in place. */
  void backward(Tensor x, Tensor dOut) {
    int rows = normed.dim(0);

    // out = x + dropout(f):  df = mask * dOut / (1 - rate)
    Tensor dFeedForward = workspace.scratch("sublayer.dOutput", rows, dModel);
    compute.copy(dOut, dFeedForward);
    dropout.backward(dFeedForward);

    // f = FF(n):  dn;  n = norm(x):  dx = dOut + norm backward (dn)
    Tensor dNormed = workspace.scratch("sublayer.dNormed", rows, dModel);
    feedForward.backward(normed, dFeedForward, dNormed);
    norm.backward(dNormed, x, inverseRms, dOut);
  }
}
