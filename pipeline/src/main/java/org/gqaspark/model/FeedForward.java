package org.gqaspark.model;

import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.Tensor;

/**
 * T5's feed-forward network ({@code T5DenseActDense} or {@code T5DenseGatedActDense}):
 * ReLU: {@code y = dropout(relu(x W_i^T)) W_o^T}; gated GELU:
 * {@code y = dropout(gelu(x W_i0^T) * (x W_i1^T)) W_o^T}.
 *
 * <p>Dimensions: N rows (tokens), d_model, d_ff.
 */
final class FeedForward {

  private final Compute compute;
  private final Workspace workspace;
  private final boolean gated;
  private final Linear input; // wi or wi_0 [d_ff, d_model]
  private final Linear inputLinear; // wi_1 [d_ff, d_model], gated only
  private final Linear output; // wo [d_model, d_ff]
  private final Dropout dropout;
  private final int dFf;

  // Saved by forward for backward.
  private int rows;
  private Tensor gate; // x W_i0^T [N, d_ff], gated only
  private Tensor linear; // x W_i1^T [N, d_ff], gated only
  private Tensor hidden; // h [N, d_ff], the activation before dropout

  FeedForward(Compute compute, Workspace workspace, ParameterStore parameters, T5Config config,
      String stack, int block, int layer, Dropout dropout) {
    this.compute = compute;
    this.workspace = workspace;
    this.gated = config.feedForwardProj().gated();
    this.dFf = config.dFf();
    this.input = new Linear(compute, parameters.get(
        T5ParameterLayout.feedForwardWeight(stack, block, layer, gated ? "wi_0" : "wi")));
    this.inputLinear = gated ? new Linear(compute, parameters.get(
        T5ParameterLayout.feedForwardWeight(stack, block, layer, "wi_1"))) : null;
    this.output = new Linear(compute, parameters.get(
        T5ParameterLayout.feedForwardWeight(stack, block, layer, "wo")));
    this.dropout = dropout;
  }

  /** Packs the weights for decoding steps; see {@link Linear#packForDecoding}. */
  void packForDecoding() {
    input.packForDecoding();
    if (gated) {
      inputLinear.packForDecoding();
    }
    output.packForDecoding();
  }

  /** y [N, d_model] = FF(x [N, d_model]). */
  void forward(Tensor x, Tensor y, int rows, ForwardMode mode) {
    this.rows = rows;
    hidden = workspace.activation(hidden, "feedForward.hidden", rows, dFf);

    // h = relu(x W_i^T), or h = gelu(x W_i0^T) * (x W_i1^T)  [N, d_ff]
    if (gated) {
      gate = workspace.activation(gate, "feedForward.gate", rows, dFf);
      linear = workspace.activation(linear, "feedForward.linear", rows, dFf);
      input.forward(x, gate, rows);
      inputLinear.forward(x, linear, rows);
      compute.gatedGelu(gate, linear, hidden);
    } else {
      input.forward(x, hidden, rows);
      compute.relu(hidden);
    }

    // y = dropout(h) W_o^T, dropping a scratch copy so that h stays for backward
    output.forward(dropped(hidden, mode), y, rows);
  }

  /** Backward of the last forward: writes dx [N, d_model] from dy [N, d_model]. */
  void backward(Tensor x, Tensor dy, Tensor dx) {
    // y = h_d W_o^T:  dh_d = dy W_o [N, d_ff];  dW_o += dy^T h_d
    Tensor dHidden = workspace.scratch("feedForward.dHidden", rows, dFf);
    output.backward(recomputeDropped(), dy, dHidden, false, rows);

    // h_d = dropout(h):  dh = mask * dh_d / (1 - rate)
    dropout.backward(dHidden);

    if (gated) {
      // h = gelu(a) * b:  da = dh * b * gelu'(a), db = dh * gelu(a)
      Tensor dGate = workspace.scratch("feedForward.dGate", rows, dFf);
      compute.gatedGeluBackward(gate, linear, dHidden, dGate, dHidden);
      // a = x W_i0^T, b = x W_i1^T:  dx = da W_i0 + db W_i1;  dW_i0 += da^T x, dW_i1 += db^T x
      input.backward(x, dGate, dx, false, rows);
      inputLinear.backward(x, dHidden, dx, true, rows);
    } else {
      // h = relu(a):  da = dh where h > 0
      compute.reluBackward(hidden, dHidden);
      // a = x W_i^T:  dx = da W_i;  dW_i += da^T x
      input.backward(x, dHidden, dx, false, rows);
    }
  }

  private Tensor dropped(Tensor activation, ForwardMode mode) {
    if (!dropout.active(mode)) {
      dropout.forward(activation, mode);
      return activation;
    }
    Tensor copy = workspace.scratch("feedForward.dropped", rows, dFf);
    compute.copy(activation, copy);
    dropout.forward(copy, mode);
    return copy;
  }

  private Tensor recomputeDropped() {
    if (!dropout.applied()) {
      return hidden;
    }
    Tensor copy = workspace.scratch("feedForward.dropped", rows, dFf);
    compute.copy(hidden, copy);
    dropout.reapply(copy);
    return copy;
  }
}
