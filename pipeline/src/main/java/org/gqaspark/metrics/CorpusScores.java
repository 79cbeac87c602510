package org.gqaspark.metrics;

/**
 * Corpus scores of the configured metrics; a metric that is not configured, or an interval
 * that was not requested, is null.
 *
 * @param segments the number of scored segments
 * @param bleu corpus BLEU
 * @param bleuInterval its bootstrap interval
 * @param chrf corpus chrF
 * @param chrfInterval its bootstrap interval
 * @param rouge corpus ROUGE means, with intervals when requested
 */
public record CorpusScores(long segments, BleuScore bleu, ScoreInterval bleuInterval,
    ChrfScore chrf, ScoreInterval chrfInterval, RougeCorpusScore rouge) {}
