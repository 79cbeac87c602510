package org.gqaspark.evaluation;

import org.gqaspark.metrics.BleuTokenizer;
import org.gqaspark.metrics.Bootstrap;

/**
 * Scoring settings of {@code gqa evaluate}.
 *
 * @param bootstrap resampling for confidence intervals, or null for none
 * @param rougeStemmer whether ROUGE Porter-stems tokens longer than three characters
 * @param bleuTokenizer sacreBLEU tokenizer of BLEU
 */
public record ScoringSettings(Bootstrap bootstrap, boolean rougeStemmer,
    BleuTokenizer bleuTokenizer) {

  public ScoringSettings {
    if (bleuTokenizer == null) {
      throw EvaluationErrors.invalidSetting("scoring.bleu-tokenizer", null,
          "13a, intl, zh, char or none");
    }
  }
}
