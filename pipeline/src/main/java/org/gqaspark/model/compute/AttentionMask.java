package org.gqaspark.model.compute;

/**
 * The keys that each query of an attention layer may attend to.
 *
 * <p>A key k is visible to query q of batch row b when {@code keyPadding} is null or
 * {@code keyPadding[b * keyPaddingStride + k] != 0}, and, for a causal mask, when
 * {@code k <= q + queryOffset} ({@code queryOffset} is the absolute position of the first
 * query, non-zero when a decoder with a K/V cache runs one step at a time).
 *
 * <p>A query for which every key is hidden attends uniformly to every key. This is what Hugging
 * Face's T5 computes, because it adds the most negative float to masked logits and a row
 * of equal logits has a uniform softmax.
 *
 * @param keyPadding [B, keyPaddingStride] 1 for a real token, 0 for padding; null for none
 * @param keyPaddingStride row length of {@code keyPadding}, at least T_k
 * @param causal whether keys after the query are hidden
 * @param queryOffset position of query 0 among the keys, for the causal mask
 */
public record AttentionMask(int[] keyPadding, int keyPaddingStride, boolean causal,
    int queryOffset) {

  /** A mask that hides no key. */
  public static final AttentionMask NONE = new AttentionMask(null, 0, false, 0);

  public AttentionMask {
    if (queryOffset < 0 || keyPaddingStride < 0) {
      throw ComputeErrors.invalidMask(keyPaddingStride, queryOffset);
    }
  }

  /** Returns a bidirectional mask with key padding rows of length {@code keys}. */
  public static AttentionMask padding(int[] keyPadding, int keys) {
    return new AttentionMask(keyPadding, keys, false, 0);
  }

  /** Returns a causal mask, with key padding when {@code keyPadding} is not null. */
  public static AttentionMask causal(int[] keyPadding, int keys, int queryOffset) {
    return new AttentionMask(keyPadding, keys, true, queryOffset);
  }

  /** Returns whether query {@code q} of batch row {@code b} may attend to key {@code k}. */
  public boolean visible(int b, int q, int k) {
    if (causal && k > q + queryOffset) {
      return false;
    }
    return keyPadding == null || keyPadding[b * keyPaddingStride + k] != 0;
  }
}
