package org.gqaspark.metrics;

/**
 * A bootstrap interval of precision, recall and F, as rouge-score's {@code AggregateScore}.
 *
 * @param low the (1 - confidence) / 2 percentile of the resampled means
 * @param mid the median of the resampled means
 * @param high the (1 + confidence) / 2 percentile of the resampled means
 */
public record PrfInterval(PrfScore low, PrfScore mid, PrfScore high) {}
