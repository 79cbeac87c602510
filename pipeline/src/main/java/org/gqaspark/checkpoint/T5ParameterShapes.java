package org.gqaspark.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gqaspark.model.AttentionKind;
import org.gqaspark.model.ParameterSpec;
import org.gqaspark.model.T5ParameterLayout;
import org.gqaspark.model.T5Config;

/**
 * The parameters a T5 config implies, under Hugging Face's state-dict names, with their
 * shapes. Linear weights are [out, in], as {@code torch.nn.Linear} stores them.
 *
 * <p>Dimensions: V vocabulary, d_model residual width, H query heads, H_kv key/value heads
 * of one attention kind ({@link T5Config#keyValueHeads}), d_kv head width, d_ff
 * feed-forward width, num_buckets relative position buckets.
 *
 * <p>Hugging Face's T5 also registers {@code encoder.embed_tokens.weight} and
 * {@code decoder.embed_tokens.weight}, which are the same tensor as {@code shared.weight},
 * and with tied embeddings {@code lm_head.weight} is that tensor too. Its safetensors files
 * usually omit these aliases; {@link #expected} leaves them out, and {@link #check} accepts
 * them when their shape is right.
 */
public final class T5ParameterShapes {

  public static final String SHARED = "shared.weight";
  public static final String LM_HEAD = "lm_head.weight";
  public static final String ENCODER_EMBED = "encoder.embed_tokens.weight";
  public static final String DECODER_EMBED = "decoder.embed_tokens.weight";

  private T5ParameterShapes() {}

  /**
   * Returns every parameter name with its shape, in the order of Hugging Face's
   * {@code state_dict()}, without the aliases of {@code shared.weight}: the engine's
   * {@link T5ParameterLayout}, so checkpoints and the model share one list.
   */
  public static Map<String, int[]> expected(T5Config config) {
    Map<String, int[]> shapes = new LinkedHashMap<>();
    for (ParameterSpec spec : T5ParameterLayout.of(config)) {
      shapes.put(spec.name(), spec.shape());
    }
    return shapes;
  }

  /** Returns the names that alias {@code shared.weight} under this config. */
  public static List<String> sharedAliases(T5Config config) {
    List<String> aliases = new ArrayList<>(List.of(ENCODER_EMBED, DECODER_EMBED));
    if (config.tieWordEmbeddings()) {
      aliases.add(LM_HEAD);
    }
    return aliases;
  }

  /** Key and value projection names of every attention layer of {@code kind}. */
  public static List<String> keyValueWeights(T5Config config, AttentionKind kind) {
    List<String> names = new ArrayList<>();
    for (String prefix : attentionPrefixes(config, kind)) {
      names.add(prefix + "k.weight");
      names.add(prefix + "v.weight");
    }
    return names;
  }

  /** Prefixes (ending in a dot) of the attention layers of {@code kind}, block by block. */
  public static List<String> attentionPrefixes(T5Config config, AttentionKind kind) {
    List<String> prefixes = new ArrayList<>();
    switch (kind) {
      case ENCODER_SELF -> {
        for (int block = 0; block < config.numLayers(); block++) {
          prefixes.add("encoder.block." + block + ".layer.0.SelfAttention.");
        }
      }
      case DECODER_SELF -> {
        for (int block = 0; block < config.numDecoderLayers(); block++) {
          prefixes.add("decoder.block." + block + ".layer.0.SelfAttention.");
        }
      }
      case CROSS -> {
        for (int block = 0; block < config.numDecoderLayers(); block++) {
          prefixes.add("decoder.block." + block + ".layer.1.EncDecAttention.");
        }
      }
    }
    return prefixes;
  }

  /**
   * Compares tensor shapes against the config: tensors whose shape differs, parameters
   * that are missing, and names the config does not imply. An alias of
   * {@code shared.weight} is accepted when its shape is right, and stands in for a missing
   * {@code shared.weight}.
   *
   * @param actual shape of every tensor in the checkpoint, by name
   */
  public static ShapeReport check(T5Config config, Map<String, long[]> actual) {
    Map<String, int[]> expected = expected(config);
    List<String> aliases = sharedAliases(config);
    List<ShapeReport.Mismatch> mismatches = new ArrayList<>();
    Map<String, int[]> missing = new LinkedHashMap<>();
    List<String> unexpected = new ArrayList<>();
    List<String> presentAliases = new ArrayList<>();

    for (Map.Entry<String, int[]> item : expected.entrySet()) {
      long[] shape = actual.get(item.getKey());
      if (shape == null) {
        boolean aliasStandsIn = item.getKey().equals(SHARED)
            && aliases.stream().anyMatch(actual::containsKey);
        if (!aliasStandsIn) {
          missing.put(item.getKey(), item.getValue());
        }
      } else if (!sameShape(item.getValue(), shape)) {
        mismatches.add(new ShapeReport.Mismatch(item.getKey(), item.getValue(), shape));
      }
    }
    int[] sharedShape = expected.get(SHARED);
    for (Map.Entry<String, long[]> item : actual.entrySet()) {
      String name = item.getKey();
      if (expected.containsKey(name)) {
        continue;
      }
      if (aliases.contains(name)) {
        presentAliases.add(name);
        if (!sameShape(sharedShape, item.getValue())) {
          mismatches.add(new ShapeReport.Mismatch(name, sharedShape, item.getValue()));
        }
      } else {
        unexpected.add(name);
      }
    }
    return new ShapeReport(mismatches, missing, unexpected, presentAliases);
  }

  /** Returns the shapes of float tensors in the form {@link #check} takes. */
  public static Map<String, long[]> shapesOf(Map<String, FloatTensor> tensors) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    tensors.forEach((name, tensor) ->
        shapes.put(name, Arrays.stream(tensor.shape()).asLongStream().toArray()));
    return shapes;
  }

  /** Returns the shapes of header entries in the form {@link #check} takes. */
  public static Map<String, long[]> shapesOfEntries(Map<String, LocatedTensor> tensors) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    tensors.forEach((name, tensor) -> shapes.put(name, tensor.entry().shape()));
    return shapes;
  }

  /**
   * Validates tensors against the config and returns them under the canonical names of
   * {@link #expected}, in its order: aliases are dropped, and one stands in for a missing
   * {@code shared.weight}.
   *
   * @param source checkpoint directory for the error message
   * @throws InvalidCheckpointException listing every mismatched, missing and unexpected
   *     tensor
   */
  public static Map<String, FloatTensor> canonicalize(T5Config config,
      Map<String, FloatTensor> tensors, String source) throws InvalidCheckpointException {
    ShapeReport report = check(config, shapesOf(tensors));
    if (!report.isValid()) {
      throw CheckpointErrors.shapesDisagree(source, config, report);
    }
    Map<String, FloatTensor> canonical = new LinkedHashMap<>();
    for (String name : expected(config).keySet()) {
      FloatTensor tensor = tensors.get(name);
      if (tensor == null && name.equals(SHARED)) {
        for (String alias : sharedAliases(config)) {
          if (tensors.containsKey(alias)) {
            tensor = tensors.get(alias);
            break;
          }
        }
      }
      canonical.put(name, tensor);
    }
    return canonical;
  }

  private static boolean sameShape(int[] expected, long[] actual) {
    if (expected.length != actual.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] != actual[i]) {
        return false;
      }
    }
    return true;
  }
}
