package org.gqaspark.model;

import org.gqaspark.model.RelativePositionBias.PositionBias;
import org.gqaspark.model.compute.AttentionMask;
import org.gqaspark.model.compute.BatchedOperand;
import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.Tensor;

/**
 * Grouped-query attention between head-major queries and a layer's keys and values, without
 * the projections: T5's unscaled dot-product logits, relative position bias, masking,
 * softmax, dropout on the probabilities, and the weighted sum of values.
 *
 * <p>Dimensions: B batch rows, T_q queries, T_k keys, H query heads, H_kv key/value heads,
 * G = H / H_kv query heads per group, d_kv head width. Query heads g*G .. g*G + G - 1 share
 * key/value head g. Queries are head-major [B, H, T_q, d_kv], so the G heads of a group are
 * one contiguous [G * T_q, d_kv] matrix. Each (batch row, group) therefore takes one matrix
 * product against its shared keys and one against its shared values, which reads K and V
 * once per group and never copies them per head. The same core serves a decoder's K/V
 * cache, whose layout {@link KeyValues} describes.
 */
final class AttentionCore {

  private final Compute compute;
  private final Workspace workspace;
  private final int heads; // H
  private final int keyValueHeads; // H_kv
  private final int groupSize; // G
  private final int headDim; // d_kv

  AttentionCore(Compute compute, Workspace workspace, int heads, int keyValueHeads,
      int headDim) {
    this.compute = compute;
    this.workspace = workspace;
    this.heads = heads;
    this.keyValueHeads = keyValueHeads;
    this.groupSize = heads / keyValueHeads;
    this.headDim = headDim;
  }

  /**
   * Forward pass.
   *
   * @param queries Q [B, H, T_q, d_kv]
   * @param keyValues K and V, T_k positions
   * @param bias relative position bias [H, T_q, T_k], or null (cross-attention)
   * @param dropout dropout on the probabilities (applied only when training)
   * @param probs output P [B, H, T_q, T_k], the probabilities before dropout, kept for backward
   * @param context output C [B, H, T_q, d_kv]
   */
  void forward(Tensor queries, KeyValues keyValues, int batch, int queryLength,
      PositionBias bias, AttentionMask mask, Dropout dropout, ForwardMode mode, Tensor probs,
      Tensor context) {
    int keyLength = keyValues.length();

    // S[b, g] [G*T_q, T_k] = Q[b, g] [G*T_q, d_kv] K[b, g]^T; T5 does not scale by 1/sqrt(d_kv).
    if (keyValues.keysInPanels()) {
      compute.batchedMatmulPanels(batch, keyValueHeads, groupSize * queryLength, keyLength,
          headDim, 1f, queryOperand(queries, queryLength), keyValues.keyOperand(),
          scoreOperand(probs, queryLength, keyLength));
    } else {
      compute.batchedMatmul(batch, keyValueHeads, false, true, groupSize * queryLength,
          keyLength, headDim, 1f, queryOperand(queries, queryLength), keyValues.keyOperand(),
          0f, scoreOperand(probs, queryLength, keyLength));
    }

    // P = softmax(S + bias, over visible keys)
    compute.attentionSoftmax(probs, batch, heads, queryLength, keyLength,
        bias == null ? null : bias.values(), mask);

    // P_d = dropout(P), in a scratch copy so that P stays for backward
    Tensor weights = probs;
    if (dropout.active(mode)) {
      weights = workspace.scratch("attention.droppedProbs", batch, heads, queryLength, keyLength);
      compute.copy(probs, weights);
      dropout.forward(weights, mode);
    }

    // C[b, g] [G*T_q, d_kv] = P_d[b, g] [G*T_q, T_k] V[b, g] [T_k, d_kv]
    compute.batchedMatmul(batch, keyValueHeads, false, false, groupSize * queryLength, headDim,
        keyLength, 1f, scoreOperand(weights, queryLength, keyLength), keyValues.valueOperand(),
        0f, queryOperand(context, queryLength));
  }

  /**
   * Backward pass of the last forward.
   *
   * @param dContext dC [B, H, T_q, d_kv]
   * @param dQueries output dQ [B, H, T_q, d_kv], written
   * @param dKeyValues output dK and dV in the layout of {@code keyValues}, written
   * @param positionBias the bias of the forward pass and the owner of its table, or null
   */
  void backward(Tensor queries, KeyValues keyValues, int batch, int queryLength, Tensor probs,
      Dropout dropout, Tensor dContext, Tensor dQueries, KeyValues dKeyValues,
      PositionBias bias, RelativePositionBias positionBias) {
    if (keyValues.keysInPanels()) {
      throw ModelErrors.panelKeysInBackward();
    }
    int keyLength = keyValues.length();
    int stacked = groupSize * queryLength;
    BatchedOperand q = queryOperand(queries, queryLength);
    BatchedOperand dC = queryOperand(dContext, queryLength);

    // Recompute P_d = dropout(P) with the forward mask
    Tensor weights = probs;
    if (dropout.applied()) {
      weights = workspace.scratch("attention.droppedProbs", batch, heads, queryLength, keyLength);
      compute.copy(probs, weights);
      dropout.reapply(weights);
    }

    // C = P_d V:  dV[b, g] [T_k, d_kv] = P_d[b, g]^T dC[b, g];  dP_d [G*T_q, T_k] = dC V^T
    compute.batchedMatmul(batch, keyValueHeads, true, false, keyLength, headDim, stacked, 1f,
        scoreOperand(weights, queryLength, keyLength), dC, 0f, dKeyValues.valueOperand());
    Tensor dScores = workspace.scratch("attention.dScores", batch, heads, queryLength, keyLength);
    compute.batchedMatmul(batch, keyValueHeads, false, true, stacked, keyLength, headDim, 1f,
        dC, keyValues.valueOperand(), 0f, scoreOperand(dScores, queryLength, keyLength));

    // P_d = dropout(P):  dP = mask * dP_d / (1 - rate)
    dropout.backward(dScores);

    // P = softmax(S):  dS = P * (dP - sum_k P dP)
    compute.softmaxBackward(probs, dScores, keyLength);

    // S = Q K^T + bias:  d table += sum_b dS (by bucket);  dQ = dS K;  dK = dS^T Q
    if (bias != null) {
      positionBias.backward(bias, dScores, batch);
    }
    compute.batchedMatmul(batch, keyValueHeads, false, false, stacked, headDim, keyLength, 1f,
        scoreOperand(dScores, queryLength, keyLength), keyValues.keyOperand(), 0f,
        queryOperand(dQueries, queryLength));
    compute.batchedMatmul(batch, keyValueHeads, true, false, keyLength, headDim, stacked, 1f,
        scoreOperand(dScores, queryLength, keyLength), q, 0f, dKeyValues.keyOperand());
  }

  /** Group g of batch row b in a head-major [B, H, T_q, d_kv] tensor: [G*T_q, d_kv]. */
  private BatchedOperand queryOperand(Tensor headMajor, int queryLength) {
    return new BatchedOperand(headMajor, 0, headDim, heads * queryLength * headDim,
        groupSize * queryLength * headDim);
  }

  /** Group g of batch row b in scores [B, H, T_q, T_k]: [G*T_q, T_k]. */
  private BatchedOperand scoreOperand(Tensor scores, int queryLength, int keyLength) {
    return new BatchedOperand(scores, 0, keyLength, heads * queryLength * keyLength,
        groupSize * queryLength * keyLength);
  }
}
