package org.gqaspark.conversion;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.gqaspark.model.AttentionKind;
import org.gqaspark.model.T5Config;

/**
 * What a conversion to grouped-query attention produces.
 *
 * @param keyValueHeads G, key/value heads of every converted layer; must divide H
 * @param method how each group's K and V rows are built
 * @param attentionKinds the attention layers to convert; the output config applies G to
 *     exactly these
 * @param seed seed of {@link KeyValueInit#RANDOM}; ignored by the other methods
 */
public record ConversionOptions(
    int keyValueHeads, KeyValueInit method, Set<AttentionKind> attentionKinds, long seed) {

  public ConversionOptions {
    if (keyValueHeads <= 0) {
      throw ConversionErrors.invalidOption("keyValueHeads", keyValueHeads,
          "a positive number of key/value heads");
    }
    if (method == null) {
      throw ConversionErrors.invalidOption("method", null, "mean, first or random");
    }
    if (attentionKinds == null || attentionKinds.isEmpty()) {
      throw ConversionErrors.invalidOption("attentionKinds", attentionKinds,
          "a non-empty set of encoder_self, decoder_self, cross");
    }
    attentionKinds = Collections.unmodifiableSet(EnumSet.copyOf(attentionKinds));
  }

  /** Mean pooling of decoder self-attention and cross-attention to G heads, seed 0. */
  public static ConversionOptions meanPool(int keyValueHeads) {
    return new ConversionOptions(keyValueHeads, KeyValueInit.MEAN,
        T5Config.DEFAULT_GQA_ATTENTION_KINDS, 0);
  }

  public ConversionOptions withMethod(KeyValueInit other) {
    return new ConversionOptions(keyValueHeads, other, attentionKinds, seed);
  }

  public ConversionOptions withAttentionKinds(Set<AttentionKind> other) {
    return new ConversionOptions(keyValueHeads, method, other, seed);
  }

  public ConversionOptions withSeed(long other) {
    return new ConversionOptions(keyValueHeads, method, attentionKinds, other);
  }
}
