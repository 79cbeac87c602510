package org.gqaspark.model;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Random initialisation as Hugging Face's {@code T5PreTrainedModel._init_weights}
 * (transformers 4.x), scaled by {@code initializer_factor} f: layer norms are f; the
 * embedding and an untied LM head draw from N(0, f^2); attention q from N(0, (f^2 /
 * (d_model * d_kv))), k and v from N(0, f^2 / d_model), o from N(0, f^2 / (H * d_kv)), the
 * relative position bias from N(0, f^2 / d_model); feed-forward wi, wi_0, wi_1 from
 * N(0, f^2 / d_model) and wo from N(0, f^2 / d_ff).
 *
 * <p>Each parameter draws from its own generator, seeded from the model seed and the
 * parameter's name, so a parameter's values do not depend on which other parameters exist.
 */
public final class T5Initializer {

  private T5Initializer() {}

  /** Overwrites every parameter of {@code store} with fresh random values. */
  public static void initialize(ParameterStore store, T5Config config, long seed) {
    for (Parameter parameter : store.parameters()) {
      ParameterSpec spec = parameter.spec();
      float[] values = new float[spec.size()];
      if (isNorm(spec.name())) {
        java.util.Arrays.fill(values, (float) config.initializerFactor());
      } else {
        double std = standardDeviation(spec.name(), config);
        SplittableRandom random = new SplittableRandom(seed ^ nameHash(spec.name()));
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (random.nextGaussian() * std);
        }
      }
      store.setValues(spec.name(), values);
    }
  }

  /** Standard deviation of a random parameter, by its Hugging Face name. */
  static double standardDeviation(String name, T5Config config) {
    double factor = config.initializerFactor();
    String module = name.substring(0, name.length() - ".weight".length());
    String last = module.substring(module.lastIndexOf('.') + 1);
    return switch (last) {
      case "shared", "lm_head" -> factor;
      case "wi", "wi_0", "wi_1", "k", "v", "relative_attention_bias" ->
          factor / Math.sqrt(config.dModel());
      case "wo" -> factor / Math.sqrt(config.dFf());
      case "q" -> factor / Math.sqrt((double) config.dModel() * config.dKv());
      case "o" -> factor / Math.sqrt((double) config.numHeads() * config.dKv());
      default -> throw ModelErrors.unknownParameter(name, java.util.List.of());
    };
  }

  private static boolean isNorm(String name) {
    return name.endsWith("layer_norm.weight");
  }

  /** 64-bit FNV-1a hash of the name's UTF-8 bytes (String.hashCode has only 32 bits). */
  private static long nameHash(String name) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
