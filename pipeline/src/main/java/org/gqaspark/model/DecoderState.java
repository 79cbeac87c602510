package org.gqaspark.model;

import org.gqaspark.model.compute.AttentionMask;

/**
 * The state a decoder keeps between steps for one batch of inputs. It contains every
 * decoder layer's cross-attention keys and values, computed once from the encoder output and
 * shared by the beams of a source row. It also contains every layer's self-attention cache,
 * which grows by one position per step. {@link IncrementalDecoder} creates, advances and
 * reorders it.
 *
 * <p>Dimensions: B source rows, K beams per source row, R = B * K decoder rows (row
 * b * K + k is beam k of source row b), T_enc source positions, H_kv key/value heads,
 * d_kv head width.
 */
public final class DecoderState {

  private final int batch; // B
  private final int sourceLength; // T_enc
  private final int beams; // K
  private final int capacity;
  private final LayerCache[] selfCaches; // per decoder layer
  private final KeyValues[] crossKeyValues; // per decoder layer, K^T and V of the source rows
  private final AttentionMask crossMask; // source padding [B, T_enc]
  private int length;

  DecoderState(int batch, int sourceLength, int beams, int capacity, LayerCache[] selfCaches,
      KeyValues[] crossKeyValues, AttentionMask crossMask) {
    this.batch = batch;
    this.sourceLength = sourceLength;
    this.beams = beams;
    this.capacity = capacity;
    this.selfCaches = selfCaches;
    this.crossKeyValues = crossKeyValues;
    this.crossMask = crossMask;
  }

  /** Number of source rows B. */
  public int batch() {
    return batch;
  }

  /** Padded source length T_enc. */
  public int sourceLength() {
    return sourceLength;
  }

  /** Beams K per source row. */
  public int beams() {
    return beams;
  }

  /** Decoder rows R = B * K, the number of token ids each step takes. */
  public int rows() {
    return batch * beams;
  }

  /** Maximum number of steps: the positions each self-attention cache has room for. */
  public int capacity() {
    return capacity;
  }

  /** Number of positions decoded so far, which is also the position of the next step. */
  public int length() {
    return length;
  }

  LayerCache selfCache(int block) {
    return selfCaches[block];
  }

  KeyValues crossKeyValues(int block) {
    return crossKeyValues[block];
  }

  AttentionMask crossMask() {
    return crossMask;
  }

  void advance() {
    length++;
  }

  LayerCache[] selfCaches() {
    return selfCaches;
  }
}
