package org.gqaspark.metrics;

/**
 * A chrF score.
 *
 * @param score chrF in [0, 100]
 * @param name "chrF" with beta, and one "+" per word order, e.g. "chrF2++"
 * @param signature the reproducibility signature
 */
public record ChrfScore(double score, String name, String signature) {}
