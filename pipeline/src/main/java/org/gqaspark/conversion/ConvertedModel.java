package org.gqaspark.conversion;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gqaspark.checkpoint.FloatTensor;
import org.gqaspark.model.T5Config;

/**
 * The result of a conversion.
 *
 * @param config the source config with {@code num_key_value_heads} = G and
 *     {@code gqa_attention_kinds} set to the converted kinds
 * @param tensors every parameter, under Hugging Face's names, with the shapes the new
 *     config implies; unconverted tensors are the source's own arrays, not copies
 */
public record ConvertedModel(T5Config config, Map<String, FloatTensor> tensors) {

  public ConvertedModel {
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }
}
