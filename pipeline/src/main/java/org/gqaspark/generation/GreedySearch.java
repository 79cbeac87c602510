package org.gqaspark.generation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy search: each row takes the token with the largest logit. A row whose sequence has
 * ended is fed the pad token and no longer changes; the search ends when every row has
 * ended or after {@code maxNewTokens} tokens.
 *
 * <p>Dimensions: B source rows, which are also the decoder rows.
 */
final class GreedySearch implements DecodingSearch {

  private final GenerationOptions options;
  private final TokenRules rules;
  private final int[][] tokens; // [B, maxNewTokens], generated ids
  private final double[] logProbabilities; // [B]
  private final boolean[] finished; // [B]
  private final int[] next; // [B], the ids of the next step
  private int generated; // tokens generated per unfinished row so far

  GreedySearch(int batch, int decoderStartTokenId, GenerationOptions options,
      TokenRules rules) {
    this.options = options;
    this.rules = rules;
    this.tokens = new int[batch][options.maxNewTokens()];
    this.logProbabilities = new double[batch];
    this.finished = new boolean[batch];
    this.next = new int[batch];
    Arrays.fill(next, decoderStartTokenId);
  }

  @Override
  public int[] nextTokens() {
    return next.clone();
  }

  @Override
  public int[] update(StepScores scores) {
    int blocked = rules.blockedToken(generated);
    for (int b = 0; b < next.length; b++) {
      if (finished[b]) {
        next[b] = rules.padTokenId();
        continue;
      }
      int token = scores.argmax(b, blocked);
      tokens[b][generated] = token;
      logProbabilities[b] += scores.logProbability(b, token);
      finished[b] = rules.ends(token);
      next[b] = finished[b] ? rules.padTokenId() : token;
    }
    generated++;
    return null;
  }

  @Override
  public boolean done() {
    if (generated == options.maxNewTokens()) {
      return true;
    }
    for (boolean rowFinished : finished) {
      if (!rowFinished) {
        return false;
      }
    }
    return true;
  }

  @Override
  public List<List<GeneratedSequence>> sequences() {
    List<List<GeneratedSequence>> rows = new ArrayList<>();
    for (int b = 0; b < tokens.length; b++) {
      int length = finished[b] ? lengthUntilEnd(tokens[b]) : generated;
      int[] sequence = Arrays.copyOf(tokens[b], length);
      rows.add(List.of(new GeneratedSequence(sequence, logProbabilities[b],
          options.score(logProbabilities[b], length), finished[b])));
    }
    return rows;
  }

  /** Length up to and including the first token that ends the sequence. */
  private int lengthUntilEnd(int[] row) {
    for (int t = 0; t < row.length; t++) {
      if (rules.ends(row[t])) {
        return t + 1;
      }
    }
    return row.length;
  }
}
