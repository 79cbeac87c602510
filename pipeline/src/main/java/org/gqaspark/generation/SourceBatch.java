package org.gqaspark.generation;

import java.util.List;

/**
 * The source rows of one call to {@link Generator#generate}, padded to one length.
 *
 * <p>Dimensions: B source rows, T_enc padded source length.
 *
 * @param batchSize B
 * @param sourceLength T_enc
 * @param inputIds [B, T_enc] token ids, padding after each row's tokens
 * @param attentionMask [B, T_enc] 1 for a real token and 0 for padding
 */
public record SourceBatch(int batchSize, int sourceLength, int[] inputIds,
    int[] attentionMask) {

  public SourceBatch {
    if (batchSize < 1 || sourceLength < 1) {
      throw GenerationErrors.invalidSourceShape(batchSize, sourceLength);
    }
    if (inputIds == null || inputIds.length != batchSize * sourceLength) {
      throw GenerationErrors.sourceFieldLength("inputIds",
          inputIds == null ? -1 : inputIds.length, batchSize * sourceLength);
    }
    if (attentionMask == null || attentionMask.length != batchSize * sourceLength) {
      throw GenerationErrors.sourceFieldLength("attentionMask",
          attentionMask == null ? -1 : attentionMask.length, batchSize * sourceLength);
    }
  }

  /**
   * Pads token id rows to the longest with {@code padTokenId}.
   *
   * @throws IllegalArgumentException when there is no row or a row is empty
   */
  public static SourceBatch of(List<int[]> rows, int padTokenId) {
    if (rows.isEmpty()) {
      throw GenerationErrors.invalidSourceShape(0, 0);
    }
    int[] lengths = new int[rows.size()];
    int longest = 0;
    for (int b = 0; b < rows.size(); b++) {
      lengths[b] = rows.get(b).length;
      longest = Math.max(longest, lengths[b]);
    }
    int[] ids = new int[rows.size() * longest];
    for (int b = 0; b < rows.size(); b++) {
      System.arraycopy(rows.get(b), 0, ids, b * longest, lengths[b]);
      java.util.Arrays.fill(ids, b * longest + lengths[b], (b + 1) * longest, padTokenId);
    }
    return padded(ids, lengths, longest);
  }

  /**
   * Wraps ids that are already padded: row b has {@code lengths[b]} real tokens followed by
   * padding, up to {@code sourceLength}.
   *
   * @throws IllegalArgumentException when a length is not in [1, sourceLength]
   */
  public static SourceBatch padded(int[] inputIds, int[] lengths, int sourceLength) {
    int[] mask = new int[lengths.length * sourceLength];
    for (int b = 0; b < lengths.length; b++) {
      if (lengths[b] < 1 || lengths[b] > sourceLength) {
        throw GenerationErrors.invalidRowLength(b, lengths[b], sourceLength);
      }
      java.util.Arrays.fill(mask, b * sourceLength, b * sourceLength + lengths[b], 1);
    }
    return new SourceBatch(lengths.length, sourceLength, inputIds, mask);
  }

  /** Returns the ids of one row without its padding. */
  public int[] row(int b) {
    int count = 0;
    for (int t = 0; t < sourceLength; t++) {
      count += attentionMask[b * sourceLength + t];
    }
    int[] ids = new int[count];
    int next = 0;
    for (int t = 0; t < sourceLength; t++) {
      if (attentionMask[b * sourceLength + t] != 0) {
        ids[next++] = inputIds[b * sourceLength + t];
      }
    }
    return ids;
  }
}
