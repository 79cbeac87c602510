package org.gqaspark.metrics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of one evaluation (any of BLEU, chrF and ROUGE) and their corpus computation:
 * statistics per segment, their sum, and the pure scoring of the sum. {@code SparkMetrics}
 * runs the same per-segment step on executors.
 */
public final class MetricSuite implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Bleu bleu;
  /** BLEU with effective order for per-segment scores, as sacreBLEU's sentence_bleu. */
  private final Bleu sentenceBleu;
  private final Chrf chrf;
  private final Rouge rouge;

  /** Creates a suite; pass null for a metric to leave it out, but at least one is required. */
  public MetricSuite(BleuOptions bleuOptions, ChrfOptions chrfOptions, RougeOptions rougeOptions) {
    if (bleuOptions == null && chrfOptions == null && rougeOptions == null) {
      throw MetricErrors.invalidOption("metrics", "none", "at least one of BLEU, chrF, ROUGE");
    }
    this.bleu = bleuOptions == null ? null : new Bleu(bleuOptions);
    this.sentenceBleu = bleuOptions == null ? null
        : new Bleu(bleuOptions.withEffectiveOrder(true));
    this.chrf = chrfOptions == null ? null : new Chrf(chrfOptions);
    this.rouge = rougeOptions == null ? null : new Rouge(rougeOptions);
  }

  public Bleu bleu() {
    return bleu;
  }

  public Chrf chrf() {
    return chrf;
  }

  public Rouge rouge() {
    return rouge;
  }

  /** Returns the statistics of one segment; null references are absent references. */
  public CorpusStatistics segmentStatistics(String hypothesis, List<String> references,
      long segment) {
    return new CorpusStatistics(1,
        bleu == null ? null : bleu.segmentStatistics(hypothesis, references, segment),
        chrf == null ? null : chrf.segmentStatistics(hypothesis, references, segment),
        rouge == null ? null : rouge.segmentStatistics(hypothesis, references, segment));
  }

  /** Returns the statistics of an empty sum. */
  public CorpusStatistics zero() {
    return new CorpusStatistics(0,
        bleu == null ? null : BleuStats.zero(bleu.options().maxNgramOrder()),
        chrf == null ? null : ChrfStats.zero(chrf.options().orders()),
        rouge == null ? null : RougeStats.zero(rouge.options().types()));
  }

  /** Scores summed statistics, without intervals. */
  public CorpusScores score(CorpusStatistics sum) {
    requireSegments(sum);
    return new CorpusScores(sum.segments(),
        bleu == null ? null : bleu.score(sum.bleu()), null,
        chrf == null ? null : chrf.score(sum.chrf()), null,
        rouge == null ? null : rougeScore(sum.rouge(), Map.of(), null));
  }

  /** Scores a corpus in one process: one hypothesis and one reference list per segment. */
  public CorpusScores corpusScore(List<String> hypotheses, List<List<String>> references,
      Bootstrap bootstrap) {
    if (hypotheses.size() != references.size()) {
      throw MetricErrors.countMismatch(hypotheses.size(), references.size(),
          "the per-segment reference lists");
    }
    if (hypotheses.isEmpty()) {
      throw MetricErrors.emptyCorpus();
    }
    List<CorpusStatistics> segments = new ArrayList<>(hypotheses.size());
    for (int i = 0; i < hypotheses.size(); i++) {
      segments.add(segmentStatistics(hypotheses.get(i), references.get(i), i));
    }
    CorpusStatistics sum = segments.stream().reduce(zero(), CorpusStatistics::plus);
    if (bootstrap == null) {
      return score(sum);
    }
    List<Map<RougeType, PrfScore>> rougeScores = new ArrayList<>();
    if (rouge != null) {
      for (int i = 0; i < hypotheses.size(); i++) {
        rougeScores.add(rouge.scoreMulti(references.get(i), hypotheses.get(i), i));
      }
    }
    return scoreWithIntervals(sum, segments, rougeScores, bootstrap);
  }

  /**
   * Scores summed statistics with bootstrap intervals from the per-segment statistics and,
   * for ROUGE, the per-segment scores.
   */
  public CorpusScores scoreWithIntervals(CorpusStatistics sum, List<CorpusStatistics> segments,
      List<Map<RougeType, PrfScore>> rougeScores, Bootstrap bootstrap) {
    requireSegments(sum);
    if (segments.size() != sum.segments()) {
      throw MetricErrors.countMismatch(sum.segments(), segments.size(),
          "the per-segment statistics for resampling");
    }
    BleuScore bleuScore = null;
    ScoreInterval bleuInterval = null;
    if (bleu != null) {
      bleuScore = bleu.score(sum.bleu(), bootstrap);
      long[][] vectors = segments.stream().map(s -> s.bleu().toVector()).toArray(long[][]::new);
      ReferenceCount references = sum.bleu().references();
      bleuInterval = BootstrapResampling.statisticsInterval(vectors,
          vector -> bleu.score(BleuStats.fromVector(vector, references)).score(), bootstrap);
    }
    ChrfScore chrfScore = null;
    ScoreInterval chrfInterval = null;
    if (chrf != null) {
      chrfScore = chrf.score(sum.chrf(), bootstrap);
      long[][] vectors = segments.stream().map(s -> s.chrf().counts()).toArray(long[][]::new);
      chrfInterval = BootstrapResampling.statisticsInterval(vectors, chrf::fScore, bootstrap);
    }
    RougeCorpusScore rougeScore = null;
    if (rouge != null) {
      Map<RougeType, PrfInterval> intervals = BootstrapResampling.rougeIntervals(
          rouge.options().types(), rougeScores, bootstrap);
      rougeScore = rougeScore(sum.rouge(), intervals, bootstrap);
    }
    return new CorpusScores(sum.segments(), bleuScore, bleuInterval, chrfScore, chrfInterval, rougeScore);
  }

  private RougeCorpusScore rougeScore(RougeStats sum, Map<RougeType, PrfInterval> intervals,
      Bootstrap bootstrap) {
    Map<RougeType, PrfScore> means = new LinkedHashMap<>();
    for (RougeType type : rouge.options().types()) {
      means.put(type, sum.mean(type));
    }
    return new RougeCorpusScore(means, intervals, rouge.signature(sum.references(), bootstrap));
  }

  /** Returns the per-segment scores of one segment, for storing with its prediction. */
  public SegmentScores segmentScores(String hypothesis, List<String> references, long segment) {
    Map<String, Double> values = new LinkedHashMap<>();
    if (bleu != null) {
      values.put("BLEU", sentenceBleu.score(
          bleu.segmentStatistics(hypothesis, references, segment)).score());
    }
    if (chrf != null) {
      values.put(chrf.name(), chrf.fScore(
          chrf.segmentStatistics(hypothesis, references, segment).counts()));
    }
    if (rouge != null) {
      rouge.scoreMulti(references, hypothesis, segment).forEach((type, score) -> {
        values.put(type.name() + ".precision", score.precision());
        values.put(type.name() + ".recall", score.recall());
        values.put(type.name() + ".fmeasure", score.fmeasure());
      });
    }
    return new SegmentScores(values);
  }

  private static void requireSegments(CorpusStatistics sum) {
    if (sum.segments() == 0) {
      throw MetricErrors.emptyCorpus();
    }
  }
}
