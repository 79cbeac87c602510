package org.gqaspark.metrics;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;

/**
 * ROUGE options with rouge-score 0.1.2's meaning.
 *
 * @param types the variants to compute, in output order
 * @param useStemmer whether tokens longer than three characters are Porter-stemmed
 */
public record RougeOptions(List<RougeType> types, boolean useStemmer) implements Serializable {

  public RougeOptions {
    if (types == null || types.isEmpty()) {
      throw MetricErrors.invalidOption("rouge_types", types, "a non-empty list");
    }
    if (new HashSet<>(types).size() != types.size()) {
      throw MetricErrors.invalidOption("rouge_types", types, "a list without duplicates");
    }
    types = List.copyOf(types);
  }

  /** Returns ROUGE-1, -2, -L and -Lsum, with or without stemming. */
  public static RougeOptions standard(boolean useStemmer) {
    return new RougeOptions(List.of(RougeType.ROUGE_1, RougeType.ROUGE_2, RougeType.ROUGE_L,
        RougeType.ROUGE_LSUM), useStemmer);
  }

  /** Returns the options for types given by rouge-score name, e.g. "rouge1", "rougeLsum". */
  public static RougeOptions of(List<String> typeNames, boolean useStemmer) {
    return new RougeOptions(typeNames.stream().map(RougeType::parse).toList(), useStemmer);
  }
}
