package org.gqaspark.training;

import java.util.List;

/**
 * The held-out sources of a run.
 *
 * @param sources validation sources (their rates are ignored)
 * @param maxExamples records taken from each source, the first ones in index order
 * @param seed seeds the span-corruption noise of the validation examples; keep it equal
 *     across runs whose validation losses are compared
 */
public record ValidationData(List<TrainingSource> sources, long maxExamples, long seed) {

  public ValidationData {
    sources = List.copyOf(sources);
    if (sources.isEmpty()) {
      throw TrainingErrors.invalidSetting("data.validation", "[]",
          "one or more sources, or no validation block");
    }
    if (maxExamples < 1) {
      throw TrainingErrors.invalidSetting("validation.max-examples", maxExamples, "at least 1");
    }
  }
}
