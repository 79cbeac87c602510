package org.gqaspark.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Bootstrap confidence intervals over segments, with the random streams of the reference
 * implementations: {@link NumpyLegacyRandom} for ROUGE and {@link NumpyPcg64Random} for BLEU
 * and chrF.
 */
public final class BootstrapResampling {

  private BootstrapResampling() {}

  /**
   * Returns rouge-score's {@code BootstrapAggregator} intervals: per type in the given order,
   * {@code samples} resamples of the segments with replacement, the mean precision, recall and
   * F of each resample, and NumPy's linear-interpolation percentiles of those means. The types
   * draw one after another from one generator, as rouge-score does after
   * {@code np.random.seed(seed)}.
   */
  public static Map<RougeType, PrfInterval> rougeIntervals(List<RougeType> types,
      List<Map<RougeType, PrfScore>> segmentScores, Bootstrap bootstrap) {
    int segments = segmentScores.size();
    if (segments == 0) {
      throw MetricErrors.emptyCorpus();
    }
    NumpyLegacyRandom random = new NumpyLegacyRandom(bootstrap.seed());
    double delta = (1 - bootstrap.confidence()) / 2;
    double[] quantiles = {100 * delta / 100, 100 * 0.5 / 100, 100 * (1 - delta) / 100};

    Map<RougeType, PrfInterval> intervals = new LinkedHashMap<>();
    for (RougeType type : types) {
      double[][] means = new double[3][bootstrap.samples()];
      for (int sample = 0; sample < bootstrap.samples(); sample++) {
        double precision = 0;
        double recall = 0;
        double fmeasure = 0;
        for (int index : random.choice(segments, segments)) {
          PrfScore score = segmentScores.get(index).get(type);
          precision += score.precision();
          recall += score.recall();
          fmeasure += score.fmeasure();
        }
        means[0][sample] = precision / segments;
        means[1][sample] = recall / segments;
        means[2][sample] = fmeasure / segments;
      }
      PrfScore[] bounds = new PrfScore[3];
      for (int q = 0; q < 3; q++) {
        bounds[q] = new PrfScore(percentile(means[0], quantiles[q]),
            percentile(means[1], quantiles[q]), percentile(means[2], quantiles[q]));
      }
      intervals.put(type, new PrfInterval(bounds[0], bounds[1], bounds[2]));
    }
    return intervals;
  }

  /**
   * Returns sacreBLEU's interval of a corpus metric: resamples of the segments' statistic
   * vectors drawn as {@code np.random.default_rng(seed).choice}, the score of each resample's
   * sum, then the mean and the central range.
   *
   * @param segmentVectors one statistics vector per segment, all of one length
   * @param scoreOfSum the metric's score of a summed vector
   */
  public static ScoreInterval statisticsInterval(long[][] segmentVectors,
      ToDoubleFunction<long[]> scoreOfSum, Bootstrap bootstrap) {
    int segments = segmentVectors.length;
    if (segments == 0) {
      throw MetricErrors.emptyCorpus();
    }
    int width = segmentVectors[0].length;
    NumpyPcg64Random random = new NumpyPcg64Random(bootstrap.seed());
    double[] scores = new double[bootstrap.samples()];
    long[] sum = new long[width];
    for (int sample = 0; sample < scores.length; sample++) {
      Arrays.fill(sum, 0);
      for (int draw = 0; draw < segments; draw++) {
        long[] vector = segmentVectors[random.nextInt(segments)];
        for (int k = 0; k < width; k++) {
          sum[k] += vector[k];
        }
      }
      scores[sample] = scoreOfSum.applyAsDouble(sum.clone());
    }

    Arrays.sort(scores);
    int lowerIndex = (int) Math.floor(scores.length * (1 - bootstrap.confidence()) / 2 + 1e-9);
    int upperIndex = scores.length - lowerIndex - 1;
    double lower = scores[lowerIndex];
    double upper = scores[upperIndex];
    return new ScoreInterval(exactMean(scores), 0.5 * (upper - lower), lower, upper);
  }

  /** Returns the correctly rounded mean, as Python's {@code statistics.mean}. */
  private static double exactMean(double[] values) {
    BigDecimal sum = BigDecimal.ZERO;
    for (double value : values) {
      sum = sum.add(new BigDecimal(value));
    }
    return sum.divide(BigDecimal.valueOf(values.length), MathContext.DECIMAL128).doubleValue();
  }

  /**
   * Returns NumPy's default ("linear") percentile: the sorted values interpolated at
   * (n - 1) * quantile, with NumPy's two-sided interpolation formula.
   */
  static double percentile(double[] values, double quantile) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double index = (sorted.length - 1) * quantile;
    int below = (int) Math.floor(index);
    int above = Math.min(below + 1, sorted.length - 1);
    double gamma = index - below;
    double a = sorted[below];
    double b = sorted[above];
    double difference = b - a;
    return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma;
  }
}
