package org.gqaspark.model.compute;

/**
 * The operations that T5's layers need, implemented once per numeric backend: the seam
 * between the model and its kernels. Layers are written once against this interface;
 * {@link FloatCompute} runs them in 32-bit floats with fast matrix products and
 * {@link DoubleCompute} in 64-bit doubles as a plain reference for gradient checks. A GPU
 * backend would implement the same operations on device memory.
 *
 * <p>Dimensions used below: B batch rows, T_q queries, T_k keys, H query heads, d_kv head
 * width, N rows of a row-wise operation, W its width, V vocabulary size.
 *
 * <p>Conventions: every tensor passed to one call belongs to this backend; "writes" means
 * the old contents are overwritten, "adds" means the result is accumulated into the
 * target. Implementations use at most {@link #threads()} threads at a time.
 */
public interface Compute extends AutoCloseable {

  /** Precision, threads and matrix-product backend, for logs and benchmark records. */
  String description();

  /** Maximum number of threads that one call uses. */
  int threads();

  // ---- Allocation and host transfer ----

  /** Returns a new tensor of zeros. */
  Tensor zeros(int... shape);

  /** Returns a new tensor holding a copy of {@code values}. */
  Tensor fromFloats(float[] values, int... shape);

  /** Returns the values of {@code tensor} as a new float array, row-major. */
  float[] toFloats(Tensor tensor);

  /** Writes {@code values} (of the tensor's size) into {@code target}. */
  void copyFromFloats(float[] values, Tensor target);

  /** Writes the first {@code target.size()} values of {@code source} into {@code target}. */
  void copy(Tensor source, Tensor target);

  void fill(Tensor target, float value);

  // ---- Matrix products, as BLAS sgemm on row-major matrices ----

  /**
   * Writes {@code c = alpha * op(a) * op(b) + beta * c} for dense matrices: op(a) is [m, k],
   * op(b) is [k, n], c is [m, n], stored without padding (a is [k, m] when transposed).
   */
  void matmul(boolean transA, boolean transB, int m, int n, int k, float alpha,
      Tensor a, Tensor b, float beta, Tensor c);

  /**
   * Computes the same product for each of the {@code outer * inner} batch entries, which
   * may run in parallel. The operands give the start of each entry's matrices. Entries must
   * not write overlapping parts of {@code c}.
   */
  void batchedMatmul(int outer, int inner, boolean transA, boolean transB, int m, int n,
      int k, float alpha, BatchedOperand a, BatchedOperand b, float beta, BatchedOperand c);

  /**
   * Returns a copy of a weight W [n, k] in this backend's layout for
   * {@link #matmul(int, float, Tensor, PackedWeight, Tensor)}.
   */
  PackedWeight packWeight(Tensor weight, int n, int k);

  /**
   * Returns the columns per panel W of the panel layout. That layout stores a matrix
   * [rows, columns] as ceil(columns / W) panels of [rows, W], each contiguous, the last
   * padded with zeros, so that a product with few rows on the other side reads each panel
   * as one stream.
   */
  int panelWidth();

  /**
   * Writes {@code count} row-major matrices [rows, columns], stored one after another in
   * {@code source}, into {@code target} in the panel layout (see {@link #panelWidth}):
   * count * ceil(columns / W) * rows * W values.
   */
  void packPanels(int count, int rows, int columns, Tensor source, Tensor target);

  /**
   * Writes {@code c = alpha * a * b} for each of the {@code outer * inner} batch entries,
   * where a is [m, k] and b is [k, n] in the panel layout (see {@link #panelWidth}), its
   * first panel at {@code b.start(o, i)}; the leading dimension of b is not used.
   */
  void batchedMatmulPanels(int outer, int inner, int m, int n, int k, float alpha,
      BatchedOperand a, BatchedOperand b, BatchedOperand c);

  /**
   * Writes {@code y = alpha * x W^T} for x [m, k] and a packed W [n, k]: the forward pass of
   * a linear layer, fastest when m is small (a decoding step).
   */
  void matmul(int m, float alpha, Tensor x, PackedWeight weight, Tensor y);

  // ---- Element-wise ----

  /** Adds {@code addend} to {@code target}, element by element (same size). */
  void addInPlace(Tensor target, Tensor addend);

  void scale(Tensor target, float alpha);

  /**
   * Inverted dropout in place: each element is zeroed with probability {@code rate}, as
   * {@link DropoutMask#keep} decides for {@code seed}, and the others are divided by the
   * keep probability {@code 1 - rate} (with the rate rounded to a multiple of 2^-24). The operation is linear, so applying it with the same seed to the
   * gradient of its output is its backward pass.
   */
  void dropout(Tensor target, double rate, long seed);

  /** relu(x) = max(x, 0) in place. */
  void relu(Tensor target);

  /** Backward of relu: zeroes {@code gradient} where {@code output} (relu's result) is 0. */
  void reluBackward(Tensor output, Tensor gradient);

  /**
   * Writes {@code out = gelu(gate) * linear}, with GELU's tanh approximation
   * {@code gelu(x) = 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))}.
   */
  void gatedGelu(Tensor gate, Tensor linear, Tensor out);

  /**
   * Backward of {@link #gatedGelu}: writes {@code dGate = dOut * linear * gelu'(gate)} and
   * {@code dLinear = dOut * gelu(gate)}. {@code dLinear} may be {@code dOut} itself.
   */
  void gatedGeluBackward(Tensor gate, Tensor linear, Tensor dOut, Tensor dGate,
      Tensor dLinear);

  /** Returns the sum of the squares of all elements (blocks of elements are added in double). */
  double sumOfSquares(Tensor tensor);

  // ---- Key/value cache of a decoder, head-major [R, H, capacity, d] ----

  /**
   * Writes the keys or values of one new position into a head-major cache:
   * {@code cache[r, h, position, :] = x[r, h * d .. (h + 1) * d)} for x [R, H * d] and cache
   * [R, H, capacity, d].
   */
  void writeCachePosition(Tensor x, Tensor cache, int rows, int heads, int capacity,
      int headDim, int position);

  /**
   * Writes the first {@code length} positions of the cache rows that {@code rows} selects:
   * {@code out[r, h, 0 .. length) = cache[rows[r], h, 0 .. length)}, for caches [R, H,
   * capacity, d] with R = rows.length. Positions from {@code length} on are left as they are.
   * {@code out} must not be {@code cache}.
   */
  void gatherCacheRows(Tensor cache, int[] rows, Tensor out, int heads, int capacity,
      int length, int headDim);

  // ---- Row-wise ----

  /**
   * T5's RMS norm over rows of width W = weight.size(): writes
   * {@code out = weight * x * r} with {@code r = 1 / sqrt(mean(x^2) + epsilon)} and stores
   * r per row in {@code inverseRms} [N].
   */
  void rmsNorm(Tensor x, Tensor weight, double epsilon, Tensor out, Tensor inverseRms);

  /**
   * Backward of {@link #rmsNorm}: adds
   * {@code dx = r * weight * dOut - x * r^3 / W * sum(weight * dOut * x)} to {@code dx} and
   * {@code sum over rows of dOut * x * r} to {@code dWeight}.
   */
  void rmsNormBackward(Tensor dOut, Tensor x, Tensor weight, Tensor inverseRms, Tensor dx,
      Tensor dWeight);

  /** Writes {@code out[n] = table[ids[n]]} for rows of width W: table [V, W], out [N, W]. */
  void gatherRows(Tensor table, int[] ids, Tensor out);

  /** Backward of {@link #gatherRows}: adds {@code dOut[n]} to {@code dTable[ids[n]]}. */
  void scatterAddRows(Tensor dOut, int[] ids, Tensor dTable);

  /** Writes x [B, T, H * d] as out [B, H, T, d], so each head's rows are contiguous. */
  void splitHeads(Tensor x, Tensor out, int batch, int length, int heads, int headDim);

  /** The inverse of {@link #splitHeads}: writes x [B, H, T, d] as out [B, T, H * d]. */
  void mergeHeads(Tensor x, Tensor out, int batch, int length, int heads, int headDim);

  /**
   * Turns attention logits into probabilities in place: for scores [B, H, T_q, T_k], adds
   * {@code positionBias} [H, T_q, T_k] (when not null), hides the keys that {@code mask}
   * hides, and applies softmax over each row of T_k.
   */
  void attentionSoftmax(Tensor scores, int batch, int heads, int queries, int keys,
      Tensor positionBias, AttentionMask mask);

  /**
   * Backward of softmax over rows of width W: replaces {@code gradient} (dP, [N, W]) with
   * {@code dS = P * (dP - sum_j P_j dP_j)}, where {@code probs} is P.
   */
  void softmaxBackward(Tensor probs, Tensor gradient, int width);

  /**
   * Writes the relative position bias {@code out[h, i] = table[buckets[i], h]}: table
   * [buckets, H], buckets [T_q * T_k], out [H, T_q, T_k].
   */
  void positionBias(Tensor table, int[] buckets, Tensor out);

  /**
   * Backward of {@link #positionBias} for a bias that was added to scores of B batch rows:
   * adds {@code sum over b of dScores[b, h, i]} to {@code dTable[buckets[i], h]}, with
   * dScores [B, H, T_q * T_k].
   */
  void positionBiasBackward(Tensor dScores, int batch, int[] buckets, Tensor dTable);

  /**
   * Softmax cross-entropy of logits [N, V] against {@code targets} [N]; a negative target
   * marks a row that does not count. Returns the sum of {@code -log softmax(row)[target]}
   * over counted rows, accumulated in double. When {@code dLogits} is not null (it may be
   * {@code logits} itself), writes {@code gradScale * (softmax(row) - onehot(target))} into
   * it for counted rows and zeros for the others.
   */
  double crossEntropy(Tensor logits, int[] targets, Tensor dLogits, double gradScale);

  /**
   * Writes {@code out[n] = log(sum_j exp(x[n, j]))} for each row of x [N, W], computed as
   * {@code max + log(sum_j exp(x[n, j] - max))} so that large logits do not overflow.
   * Decoding turns logits into log-probabilities {@code x[n, j] - out[n]} with it.
   */
  void logSumExp(Tensor x, int width, Tensor out);

  /** Releases the backend's threads; the backend is unusable afterwards. */
  @Override
  void close();
}
