package org.gqaspark.evaluation;

import java.io.Serializable;
import org.gqaspark.generation.GenerationOptions;

/**
 * Decoding settings of {@code gqa evaluate}.
 *
 * @param numBeams beams per example; 1 is greedy search
 * @param batchSize examples decoded together in one call of the generator
 * @param maxNewTokens maximum generated tokens per example, end-of-sequence included
 * @param lengthPenalty alpha of beam search's score {@code log-probability / length^alpha}
 * @param partitions decoding tasks; 0 for Spark's default parallelism. Each task loads the
 *     checkpoint once.
 * @param threads compute threads per task; 0 for {@code spark.task.cpus}
 */
public record DecodingSettings(int numBeams, int batchSize, int maxNewTokens,
    double lengthPenalty, int partitions, int threads) implements Serializable {

  public DecodingSettings {
    if (numBeams < 1) {
      throw EvaluationErrors.invalidSetting("decoding.num-beams", numBeams, "at least 1");
    }
    if (batchSize < 1) {
      throw EvaluationErrors.invalidSetting("decoding.batch-size", batchSize, "at least 1");
    }
    if (maxNewTokens < 1) {
      throw EvaluationErrors.invalidSetting("decoding.max-new-tokens", maxNewTokens,
          "at least 1");
    }
    if (partitions < 0) {
      throw EvaluationErrors.invalidSetting("decoding.partitions", partitions,
          "0 (default parallelism) or more");
    }
    if (threads < 0) {
      throw EvaluationErrors.invalidSetting("decoding.threads", threads,
          "0 (spark.task.cpus) or more");
    }
  }

  /** Returns the generator options: greedy for one beam, beam search otherwise. */
  public GenerationOptions generationOptions() {
    GenerationOptions options = numBeams == 1 ? GenerationOptions.greedy(maxNewTokens)
        : GenerationOptions.beamSearch(numBeams, maxNewTokens);
    return options.withLengthPenalty(lengthPenalty);
  }
}
