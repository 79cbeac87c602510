package org.gqaspark.metrics;

/**
 * A bootstrap confidence interval of a corpus score, as sacreBLEU's {@code estimate_ci}.
 *
 * @param mean the mean of the resampled scores
 * @param halfWidth half the distance between {@code lower} and {@code upper}, which sacreBLEU
 *     reports as "mean ± halfWidth"
 * @param lower the resampled score at sorted index floor(samples * (1 - confidence) / 2),
 *     samples // 40 at 95%
 * @param upper the resampled score at the mirrored index from the top
 */
public record ScoreInterval(double mean, double halfWidth, double lower, double upper) {}
