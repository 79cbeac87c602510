package org.gqaspark.model;

import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.PackedWeight;
import org.gqaspark.model.compute.Tensor;

/**
 * The language-model head: {@code logits = s * h W^T} with W [V, d_model] either
 * {@code lm_head.weight} (s = 1) or, with tied embeddings, {@code shared.weight} with
 * s = d_model^-0.5, as Hugging Face rescales the decoder output before a tied head.
 * Dimensions: N decoder rows, V, d_model.
 */
final class LmHead {

  private final Compute compute;
  private final Parameter weight; // W [V, d_model]
  private final float scale;
  private PackedWeight packed; // a copy of W for few rows (decoding), or null

  LmHead(Compute compute, ParameterStore parameters, T5Config config) {
    this.compute = compute;
    boolean tied = config.tieWordEmbeddings();
    this.weight = parameters.get(tied ? T5ParameterLayout.SHARED : T5ParameterLayout.LM_HEAD);
    this.scale = tied ? (float) (1.0 / Math.sqrt(config.dModel())) : 1f;
  }

  /** Keeps a packed copy of W for decoding steps; see {@link Linear#packForDecoding}. */
  void packForDecoding() {
    packed = compute.packWeight(weight.value(), weight.spec().shape()[0],
        weight.spec().shape()[1]);
  }

  /** logits [N, V] = s * h [N, d_model] W^T. */
  void forward(Tensor h, Tensor logits, int rows) {
    if (packed != null && rows <= Linear.PACKED_MAX_ROWS) {
      compute.matmul(rows, scale, h, packed, logits);
      return;
    }
    int vocab = weight.spec().shape()[0];
    int dModel = weight.spec().shape()[1];
    compute.matmul(false, true, rows, vocab, dModel, scale, h, weight.value(), 0f, logits);
  }

  /** Backward of logits = s h W^T: writes dh = s * dlogits W; dW += s * dlogits^T h. */
  void backward(Tensor h, Tensor dLogits, Tensor dh, int rows) {
    int vocab = weight.spec().shape()[0];
    int dModel = weight.spec().shape()[1];
    compute.matmul(false, false, rows, dModel, vocab, scale, dLogits, weight.value(), 0f, dh);
    compute.matmul(true, false, vocab, dModel, rows, scale, dLogits, h, 1f, weight.gradient());
  }
}
