package org.gqaspark.evaluation;

import java.util.Locale;
import org.gqaspark.metrics.BleuOptions;
import org.gqaspark.metrics.ChrfOptions;
import org.gqaspark.metrics.MetricSuite;
import org.gqaspark.metrics.RougeOptions;

/** What an evaluation set measures, which decides its metrics. */
public enum TaskKind {
  /** ROUGE-1, -2, -L and -Lsum F-measures. */
  SUMMARIZATION,
  /** Corpus BLEU and chrF, with sacreBLEU signatures. */
  TRANSLATION;

  /** Parses the job file value: summarization or translation, case-insensitively. */
  public static TaskKind parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw EvaluationErrors.invalidSetting("task", "\"" + value + "\"",
          "summarization or translation");
    }
  }

  /** Returns the metrics of this task under the scoring settings. */
  public MetricSuite metricSuite(ScoringSettings scoring) {
    return switch (this) {
      case SUMMARIZATION -> new MetricSuite(null, null,
          RougeOptions.standard(scoring.rougeStemmer()));
      case TRANSLATION -> new MetricSuite(
          BleuOptions.corpusDefaults().withTokenizer(scoring.bleuTokenizer()),
          ChrfOptions.chrf(), null);
    };
  }

  /** Returns the job file value. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
