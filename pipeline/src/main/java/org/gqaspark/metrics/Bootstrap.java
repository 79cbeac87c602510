package org.gqaspark.metrics;

import java.io.Serializable;

/**
 * Bootstrap resampling settings for confidence intervals.
 *
 * <p>ROUGE intervals draw segment indexes as NumPy's legacy generator does after
 * {@code np.random.seed(seed)}, so they equal rouge-score 0.1.2's {@code BootstrapAggregator}
 * run after that call. BLEU and chrF intervals draw as {@code np.random.default_rng(seed)},
 * as sacreBLEU 2.6.0 does with {@code SACREBLEU_SEED=seed}, and use its estimator (score each
 * resample, take the mean and half the central 95% range).
 * NOTE: sacreBLEU sums resampled statistics in float32 and computes chrF (and, under NumPy 2,
 * BLEU) precisions from those sums in float32, so its interval can differ from this package's
 * in about the seventh significant digit.
 *
 * @param samples the number of resamples, 1000 in both references
 * @param seed the generator seed in [0, 2^32); sacreBLEU's default is 12345
 * @param confidence the central probability of the interval, 0.95 in both references
 */
public record Bootstrap(int samples, long seed, double confidence) implements Serializable {

  public Bootstrap {
    if (samples < 1) {
      throw MetricErrors.invalidOption("bootstrap samples", samples, "at least 1");
    }
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw MetricErrors.invalidOption("bootstrap seed", seed, "in [0, 2^32 - 1]");
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw MetricErrors.invalidOption("confidence", confidence, "in [0, 1]");
    }
  }

  /** Returns 1000 samples, seed 12345 and 95% confidence. */
  public static Bootstrap defaults() {
    return new Bootstrap(1000, 12345, 0.95);
  }
}
