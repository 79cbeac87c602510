package org.gqaspark.generation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The best finished sequences of one source row in a beam search, at most {@code numBeams},
 * as Hugging Face's {@code BeamHypotheses}: a new sequence is kept while there is room or
 * when its score beats the worst kept one, which is then dropped.
 */
final class FinishedHypotheses {

  private final GenerationOptions options;
  private final List<GeneratedSequence> kept = new ArrayList<>();

  FinishedHypotheses(GenerationOptions options) {
    this.options = options;
  }

  /** Offers a sequence with its summed log-probability; it is scored here. */
  void add(int[] tokens, double logProbability, boolean finished) {
    double score = options.score(logProbability, tokens.length);
    if (kept.size() < options.numBeams() || score > worstScore()) {
      kept.add(new GeneratedSequence(tokens, logProbability, score, finished));
      if (kept.size() > options.numBeams()) {
        kept.remove(worstIndex());
      }
    }
  }

  int size() {
    return kept.size();
  }

  /**
   * Returns whether no running beam can still enter the kept sequences, by the rule of
   * {@link GenerationOptions#earlyStopping}.
   *
   * @param bestRunningLogProbability summed log-probability of the best running beam, minus
   *     infinity when none is left
   * @param length tokens of the running beams after this step
   */
  boolean isDone(double bestRunningLogProbability, int length) {
    if (kept.size() < options.numBeams()) {
      return false;
    }
    if (options.earlyStopping() == EarlyStopping.FIRST_COMPLETE) {
      return true;
    }
    boolean scoreAtMaximum = options.earlyStopping() == EarlyStopping.NEVER
        && options.lengthPenalty() > 0;
    int bestLength = scoreAtMaximum ? options.maxNewTokens() : length;
    return worstScore() >= options.score(bestRunningLogProbability, bestLength);
  }

  /** Returns up to {@code count} kept sequences, best first; equal scores keep their order. */
  List<GeneratedSequence> best(int count) {
    List<GeneratedSequence> sorted = new ArrayList<>(kept);
    sorted.sort(Comparator.comparingDouble(GeneratedSequence::score).reversed());
    return List.copyOf(sorted.subList(0, Math.min(count, sorted.size())));
  }

  private double worstScore() {
    return kept.get(worstIndex()).score();
  }

  /** Index of the lowest score; the latest added among equals, which ranks last. */
  private int worstIndex() {
    int worst = 0;
    for (int i = 1; i < kept.size(); i++) {
      if (kept.get(i).score() <= kept.get(worst).score()) {
        worst = i;
      }
    }
    return worst;
  }
}
