package org.gqaspark.model;

import org.gqaspark.model.RelativePositionBias.PositionBias;
import org.gqaspark.model.compute.AttentionMask;
import org.gqaspark.model.compute.BatchedOperand;
import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.Tensor;

/**
 * T5's attention layer ({@code T5Attention}) with grouped-query attention: projections q
 * [H*d_kv, d_model], k and v [H_kv*d_kv, d_model], o [d_model, H*d_kv], around an
 * {@link AttentionCore}. Self-attention passes the same tensor as query and key/value
 * input; cross-attention passes the encoder output as key/value input.
 *
 * <p>Dimensions: B batch rows, T_q query positions, T_k key positions, N_q = B*T_q,
 * N_k = B*T_k, H, H_kv, d_kv, d_model.
 */
final class Attention {

  private final Compute compute;
  private final Workspace workspace;
  private final Linear query; // q [H*d_kv, d_model]
  private final Linear key; // k [H_kv*d_kv, d_model]
  private final Linear value; // v [H_kv*d_kv, d_model]
  private final Linear output; // o [d_model, H*d_kv]
  private final AttentionCore core;
  private final Dropout probsDropout;
  private final boolean cross;
  private final int heads;
  private final int keyValueHeads;
  private final int headDim;

  // Saved by forward for backward.
  private int batch;
  private int queryLength;
  private int keyLength;
  private PositionBias bias;
  private Tensor queryHeads; // Q [B, H, T_q, d_kv]
  private Tensor keys; // K [N_k, H_kv*d_kv]
  private Tensor values; // V [N_k, H_kv*d_kv]
  private Tensor probs; // P [B, H, T_q, T_k]
  private Tensor context; // C merged [N_q, H*d_kv]

  Attention(Compute compute, Workspace workspace, ParameterStore parameters, T5Config config,
      String stack, int block, int layer, AttentionKind kind, Dropout probsDropout) {
    this.compute = compute;
    this.workspace = workspace;
    this.heads = config.numHeads();
    this.keyValueHeads = config.keyValueHeads(kind);
    this.headDim = config.dKv();
    this.query = linear(parameters, stack, block, layer, kind, "q");
    this.key = linear(parameters, stack, block, layer, kind, "k");
    this.value = linear(parameters, stack, block, layer, kind, "v");
    this.output = linear(parameters, stack, block, layer, kind, "o");
    this.core = new AttentionCore(compute, workspace, heads, keyValueHeads, headDim);
    this.probsDropout = probsDropout;
    this.cross = kind == AttentionKind.CROSS;
  }

  private Linear linear(ParameterStore parameters, String stack, int block, int layer,
      AttentionKind kind, String projection) {
    return new Linear(compute, parameters.get(
        T5ParameterLayout.attentionWeight(stack, block, layer, kind, projection)));
  }

  /**
   * Forward pass: y [N_q, d_model] = o(attention(q(x), k(m), v(m))), with x the query input
   * [N_q, d_model] and m the key/value input [N_k, d_model].
   */
  void forward(Tensor queryInput, Tensor keyValueInput, int batch, int queryLength,
      int keyLength, PositionBias bias, AttentionMask mask, ForwardMode mode, Tensor y) {
    this.batch = batch;
    this.queryLength = queryLength;
    this.keyLength = keyLength;
    this.bias = bias;
    int queryRows = batch * queryLength;
    int keyRows = batch * keyLength;
    int queryWidth = heads * headDim;
    int keyValueWidth = keyValueHeads * headDim;
    queryHeads = workspace.activation(queryHeads, "attention.queryHeads", batch, heads,
        queryLength, headDim);
    keys = workspace.activation(keys, "attention.keys", keyRows, keyValueWidth);
    values = workspace.activation(values, "attention.values", keyRows, keyValueWidth);
    probs = workspace.activation(probs, "attention.probs", batch, heads, queryLength,
        keyLength);
    context = workspace.activation(context, "attention.context", queryRows, queryWidth);

    // Q = split_heads(x W_q^T) [B, H, T_q, d_kv];  K = m W_k^T, V = m W_v^T [N_k, H_kv*d_kv]
    Tensor projected = workspace.scratch("attention.projected", queryRows, queryWidth);
    query.forward(queryInput, projected, queryRows);
    compute.splitHeads(projected, queryHeads, batch, queryLength, heads, headDim);
    key.forward(keyValueInput, keys, keyRows);
    value.forward(keyValueInput, values, keyRows);

    // C = attention(Q, K, V) [B, H, T_q, d_kv], merged to [N_q, H*d_kv]
    Tensor contextHeads = workspace.scratch("attention.contextHeads", batch, heads, queryLength,
        headDim);
    core.forward(queryHeads, keyValues(), batch, queryLength, bias, mask, probsDropout, mode,
        probs, contextHeads);
    compute.mergeHeads(contextHeads, context, batch, queryLength, heads, headDim);

    // y = C W_o^T [N_q, d_model]
    output.forward(context, y, queryRows);
  }

  /**
   * Backward pass of the last forward. Writes dx (the query input's gradient) and adds dm
   * (the key/value input's gradient) to {@code dKeyValueInput}; for self-attention both are
   * the same tensor, so the sum of the three projections' input gradients ends there.
   *
   * @param positionBias owner of the bias table, or null when the forward had no bias
   */
  void backward(Tensor queryInput, Tensor keyValueInput, Tensor dy, Tensor dQueryInput,
      Tensor dKeyValueInput, RelativePositionBias positionBias) {
    int queryRows = batch * queryLength;
    int keyRows = batch * keyLength;
    int queryWidth = heads * headDim;
    int keyValueWidth = keyValueHeads * headDim;

    // y = C W_o^T:  dC = dy W_o [N_q, H*d_kv], split to [B, H, T_q, d_kv];  dW_o += dy^T C
    Tensor dContext = workspace.scratch("attention.dContext", queryRows, queryWidth);
    output.backward(context, dy, dContext, false, queryRows);
    Tensor dContextHeads = workspace.scratch("attention.contextHeads", batch, heads, queryLength,
        headDim);
    compute.splitHeads(dContext, dContextHeads, batch, queryLength, heads, headDim);

    // C = attention(Q, K, V):  dQ [B, H, T_q, d_kv], dK and dV [N_k, H_kv*d_kv]
    Tensor dQueryHeads = workspace.scratch("attention.dQueryHeads", batch, heads, queryLength,
        headDim);
    Tensor dKeys = workspace.scratch("attention.dKeys", keyRows, keyValueWidth);
    Tensor dValues = workspace.scratch("attention.dValues", keyRows, keyValueWidth);
    core.backward(queryHeads, keyValues(), batch, queryLength, probs, probsDropout,
        dContextHeads, dQueryHeads, keyValues().withTensors(dKeys, dValues), bias,
        positionBias);

    // Q = x W_q^T:  dx = dQ W_q (written);  K = m W_k^T, V = m W_v^T:  dm += dK W_k + dV W_v
    Tensor dProjected = workspace.scratch("attention.projected", queryRows, queryWidth);
    compute.mergeHeads(dQueryHeads, dProjected, batch, queryLength, heads, headDim);
    query.backward(queryInput, dProjected, dQueryInput, false, queryRows);
    key.backward(keyValueInput, dKeys, dKeyValueInput, true, keyRows);
    value.backward(keyValueInput, dValues, dKeyValueInput, true, keyRows);
  }

  // ---- Decoding: one new query position per row, against cached keys and values ----

  /**
   * Packs the weights that decoding steps multiply by few rows: q and o, and k and v of
   * self-attention (cross-attention projects its keys and values once per input, from many
   * rows).
   */
  void packForDecoding() {
    query.packForDecoding();
    output.packForDecoding();
    if (!cross) {
      key.packForDecoding();
      value.packForDecoding();
    }
  }

  /**
   * Projects the key/value input m [B*T_k, d_model] (the encoder output) into the keys and
   * values that every decoding step of the batch reads, in the layout of
   * {@link KeyValues#panelKeys}: K^T per head in panels, and V [B, H_kv, T_k, d_kv].
   */
  void projectKeyValues(Tensor keyValueInput, int batch, int keyLength, Tensor keyPanels,
      Tensor valueHeads) {
    int keyRows = batch * keyLength;
    int keyValueWidth = keyValueHeads * headDim;
    int dModel = key.in();

    // K^T[b] [H_kv*d_kv, T_k] = W_k m[b]^T, which is [H_kv, d_kv, T_k] per batch row,
    // rearranged into panels per (batch row, head)
    Tensor transposedKeys = workspace.scratch("attentionStep.transposedKeys", batch,
        keyValueWidth, keyLength);
    compute.batchedMatmul(batch, 1, false, true, keyValueWidth, keyLength, dModel, 1f,
        new BatchedOperand(key.weight().value(), 0, dModel, 0, 0),
        new BatchedOperand(keyValueInput, 0, dModel, keyLength * dModel, 0), 0f,
        new BatchedOperand(transposedKeys, 0, keyLength, keyValueWidth * keyLength, 0));
    compute.packPanels(batch * keyValueHeads, headDim, keyLength, transposedKeys, keyPanels);

    // V = m W_v^T [N_k, H_kv*d_kv], split to [B, H_kv, T_k, d_kv]
    Tensor projected = workspace.scratch("attentionStep.valueProjection", keyRows,
        keyValueWidth);
    value.forward(keyValueInput, projected, keyRows);
    compute.splitHeads(projected, valueHeads, batch, keyLength, keyValueHeads, headDim);
  }

  /**
   * Runs one decoding step of self-attention for R rows at position t: writes k(x) and v(x) to
   * position t of the cache, then y [R, d_model] = o(attention(q(x), cached positions 0..t)).
   *
   * @param x the query input [R, d_model]
   * @param bias relative position bias of query position t against keys 0..t [H, 1, t + 1]
   */
  void selfAttentionStep(Tensor x, LayerCache cache, int position, PositionBias bias,
      Tensor y) {
    int rows = cache.rows();
    int capacity = cache.capacity();

    // q = x W_q^T [R, H*d_kv], which is already head-major [R, H, 1, d_kv]
    Tensor queries = workspace.scratch("attentionStep.queries", rows, heads * headDim);
    query.forward(x, queries, rows);

    // k = x W_k^T, v = x W_v^T [R, H_kv*d_kv], written to position t of the cache
    Tensor projected = workspace.scratch("attentionStep.newKeyValue", rows,
        keyValueHeads * headDim);
    key.forward(x, projected, rows);
    compute.writeCachePosition(projected, cache.keys(), rows, keyValueHeads, capacity, headDim,
        position);
    value.forward(x, projected, rows);
    compute.writeCachePosition(projected, cache.values(), rows, keyValueHeads, capacity,
        headDim, position);

    // C [R, H, 1, d_kv] = attention over positions 0..t, which all precede the query, so
    // nothing is masked. P is laid out [R, H, 1, t + 1] in a buffer sized for the capacity.
    Tensor probs = workspace.scratch("attentionStep.selfProbs", rows, heads, 1, capacity);
    Tensor context = workspace.scratch("attentionStep.context", rows, heads * headDim);
    core.forward(queries, cache.keyValues(position + 1), rows, 1, bias, AttentionMask.NONE,
        probsDropout, ForwardMode.EVAL, probs, context);

    // y = C W_o^T [R, d_model]
    output.forward(context, y, rows);
  }

  /**
   * Runs one decoding step of cross-attention for R = B * K rows, where rows b*K .. b*K + K - 1
   * are the beams of source row b and share its keys and values. The beams act as the query
   * positions of their source row. So the attention core stacks the queries of all K beams
   * and of the G heads of a group into one [K*G, d_kv] matrix per (source row, key/value
   * head), and reads each key and value once per step.
   *
   * @param x the query input [R, d_model]
   * @param encoderKeyValues keys and values of the source rows, in the layout of
   *     {@link KeyValues#panelKeys}
   * @param mask padding of the source rows [B, T_enc]
   */
  void crossAttentionStep(Tensor x, int batch, int beams, KeyValues encoderKeyValues,
      AttentionMask mask, Tensor y) {
    int rows = batch * beams;
    int keyLength = encoderKeyValues.length();

    // Q = x W_q^T [B, K, H*d_kv], split to [B, H, K, d_kv]
    Tensor projected = workspace.scratch("attentionStep.queries", rows, heads * headDim);
    query.forward(x, projected, rows);
    Tensor queryHeads = workspace.scratch("attentionStep.crossQueryHeads", batch, heads, beams,
        headDim);
    compute.splitHeads(projected, queryHeads, batch, beams, heads, headDim);

    // C [B, H, K, d_kv] = attention over the source positions, merged to [R, H*d_kv]
    Tensor probs = workspace.scratch("attentionStep.crossProbs", batch, heads, beams,
        keyLength);
    Tensor contextHeads = workspace.scratch("attentionStep.crossContextHeads", batch, heads,
        beams, headDim);
    core.forward(queryHeads, encoderKeyValues, batch, beams, null, mask, probsDropout,
        ForwardMode.EVAL, probs, contextHeads);
    Tensor context = workspace.scratch("attentionStep.context", rows, heads * headDim);
    compute.mergeHeads(contextHeads, context, batch, beams, heads, headDim);

    // y = C W_o^T [R, d_model]
    output.forward(context, y, rows);
  }

  private KeyValues keyValues() {
    return KeyValues.projected(keys, values, keyLength, keyValueHeads, headDim);
  }
}
