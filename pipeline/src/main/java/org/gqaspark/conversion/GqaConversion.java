package org.gqaspark.conversion;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.gqaspark.checkpoint.FloatTensor;
import org.gqaspark.checkpoint.InvalidCheckpointException;
import org.gqaspark.checkpoint.T5ParameterShapes;
import org.gqaspark.model.AttentionKind;
import org.gqaspark.model.T5Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts a T5 model to grouped-query attention by weight surgery on its named tensors:
 * in every attention layer of the chosen kinds, the key and value projections go from S
 * heads to G, and everything else is kept. S is H for a multi-head layer. For a layer that
 * is already grouped (S < H), the existing groups are pooled, which needs G to divide S;
 * mean pooling of equal-size groups then equals mean pooling of the original heads.
 *
 * <p>Dimensions: H query heads, S source key/value heads of a layer, G target key/value
 * heads, d_kv head width, d_model model width. K and V weights are [S * d_kv, d_model]
 * before and [G * d_kv, d_model] after.
 */
public final class GqaConversion {

  private static final Logger LOG = LoggerFactory.getLogger(GqaConversion.class);

  private GqaConversion() {}

  /**
   * Converts {@code tensors} of a model with config {@code source}.
   *
   * @throws InvalidCheckpointException when the tensors do not match {@code source}
   * @throws IllegalArgumentException when G does not divide H or the layer's current
   *     key/value heads, or when the source groups a kind of attention that the options
   *     leave out
   */
  public static ConvertedModel convert(T5Config source, Map<String, FloatTensor> tensors,
      ConversionOptions options) throws InvalidCheckpointException {
    Map<String, FloatTensor> canonical = T5ParameterShapes.canonicalize(source, tensors,
        "the source model");
    int heads = source.numHeads();
    int groups = options.keyValueHeads();
    requireConvertible(source, options);

    Map<String, FloatTensor> converted = new LinkedHashMap<>(canonical);
    for (AttentionKind kind : options.attentionKinds()) {
      int sourceHeads = source.keyValueHeads(kind);
      for (String name : T5ParameterShapes.keyValueWeights(source, kind)) {
        converted.put(name, convertWeight(name, canonical.get(name), sourceHeads, groups,
            source.dKv(), options));
      }
      LOG.info("Converted {} attention in {} layers: {} -> {} key/value heads ({} of groups"
          + " of {}), {} query heads.", kind.jsonName(),
          T5ParameterShapes.attentionPrefixes(source, kind).size(), sourceHeads, groups,
          options.method().optionName(), sourceHeads / groups, heads);
    }

    T5Config config = targetConfig(source, options);
    return new ConvertedModel(config,
        T5ParameterShapes.canonicalize(config, converted, "the converted model"));
  }

  /** Returns the config of the model that {@link #convert} makes from {@code source}. */
  public static T5Config targetConfig(T5Config source, ConversionOptions options) {
    return source.withKeyValueHeads(options.keyValueHeads())
        .withGqaAttentionKinds(options.attentionKinds());
  }

  private static void requireConvertible(T5Config source, ConversionOptions options) {
    int heads = source.numHeads();
    int groups = options.keyValueHeads();
    if (heads % groups != 0) {
      throw ConversionErrors.groupsNotDividingHeads(heads, groups);
    }
    for (AttentionKind kind : AttentionKind.values()) {
      int sourceHeads = source.keyValueHeads(kind);
      boolean converted = options.attentionKinds().contains(kind);
      if (!converted && sourceHeads < heads) {
        throw ConversionErrors.groupedKindLeftOut(kind, sourceHeads, heads);
      }
      if (converted && sourceHeads % groups != 0) {
        throw ConversionErrors.groupsNotDividingSource(kind, heads, sourceHeads, groups);
      }
    }
  }

  private static FloatTensor convertWeight(String name, FloatTensor weight, int sourceHeads,
      int groups, int dKv, ConversionOptions options) {
    if (groups == sourceHeads && options.method() != KeyValueInit.RANDOM) {
      return weight;
    }
    return switch (options.method()) {
      case MEAN -> HeadPooling.mean(weight, sourceHeads, groups, dKv);
      case FIRST -> HeadPooling.first(weight, sourceHeads, groups, dKv);
      case RANDOM -> HeadPooling.random(weight, groups, dKv,
          new SplittableRandom(options.seed() * 1_000_003L + name.hashCode()));
    };
  }
}
