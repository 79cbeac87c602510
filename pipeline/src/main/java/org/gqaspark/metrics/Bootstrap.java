package org.gqaspark.metrics;

import java.io.Serializable;

/**
 * Bootstrap resampling settings for confidence intervals.
 *
 * <p>Resampling draws segment indexes with NumPy's legacy generator ({@link NumpyLegacyRandom})
 * from {@code seed}. ROUGE intervals therefore equal rouge-score 0.1.2's
 * {@code BootstrapAggregator} after {@code np.random.seed(seed)}. BLEU and chrF intervals use
 * sacreBLEU's estimator (resample segment statistics, score each resample, take the mean and
 * half the central range), but sacreBLEU draws from {@code np.random.default_rng} (PCG64), so
 * their bounds differ from sacreBLEU's by resampling noise.
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
