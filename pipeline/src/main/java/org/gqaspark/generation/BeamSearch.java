package org.gqaspark.generation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gqaspark.generation.TopCandidates.Candidate;

/**
 * Beam search as the vectorised {@code GenerationMixin._beam_search} of recent Hugging Face
 * transformers 4.x releases runs it, with K = {@code numBeams} running beams per source row.
 * As there, the length in the length penalty counts the end-of-sequence token (older
 * releases counted the decoder start token instead).
 *
 * <p>Each step, per source row that is not done: every running beam's log-probability is
 * extended by every allowed token, and the best 2K of these continuations are taken, best
 * first. A continuation that ends with the end-of-sequence token and ranks among the first K
 * becomes a finished hypothesis. The first K others become the running beams of the next
 * step. At the last step ({@code maxNewTokens}) the first K continuations all become
 * hypotheses. A source row is done when {@link FinishedHypotheses#isDone} finds that no
 * running beam can enter its kept hypotheses, and its rows are then fed the pad token.
 * Before the first step only beam 0 of a row runs, because all K beams would start from the
 * same decoder start token.
 *
 * <p>Where the vocabulary is too small to fill K running beams, the rest stay empty (minus
 * infinity, fed the pad token) rather than repeating a beam.
 *
 * <p>Dimensions: B source rows, K beams, R = B * K decoder rows (row b*K + k is beam k of
 * source row b), V vocabulary.
 */
final class BeamSearch implements DecodingSearch {

  private final GenerationOptions options;
  private final TokenRules rules;
  private final int batch; // B
  private final int beams; // K
  private final int[][] sequences; // [R, maxNewTokens], tokens of each running beam
  private final double[] logProbabilities; // [R], minus infinity for an empty beam
  private final int[] next; // [R], the ids of the next step
  private final FinishedHypotheses[] finished; // [B]
  private final boolean[] done; // [B]
  private final TopCandidates candidates;
  private int generated; // tokens of every running beam so far

  BeamSearch(int batch, int decoderStartTokenId, GenerationOptions options, TokenRules rules) {
    this.options = options;
    this.rules = rules;
    this.batch = batch;
    this.beams = options.numBeams();
    int rows = batch * beams;
    this.sequences = new int[rows][options.maxNewTokens()];
    this.logProbabilities = new double[rows];
    this.next = new int[rows];
    this.finished = new FinishedHypotheses[batch];
    this.done = new boolean[batch];
    this.candidates = new TopCandidates(2 * beams);
    Arrays.fill(next, decoderStartTokenId);
    for (int r = 0; r < rows; r++) {
      logProbabilities[r] = r % beams == 0 ? 0 : Double.NEGATIVE_INFINITY;
    }
    for (int b = 0; b < batch; b++) {
      finished[b] = new FinishedHypotheses(options);
    }
  }

  @Override
  public int[] nextTokens() {
    return next.clone();
  }

  @Override
  public int[] update(StepScores scores) {
    int length = generated + 1;
    boolean last = length == options.maxNewTokens();
    int[] parents = new int[next.length];
    int[][] newSequences = new int[next.length][];
    double[] newLogProbabilities = new double[next.length];
    for (int b = 0; b < batch; b++) {
      if (done[b]) {
        keepDone(b, parents, newSequences, newLogProbabilities);
      } else {
        advanceRow(b, scores, last, parents, newSequences, newLogProbabilities);
      }
    }
    System.arraycopy(newLogProbabilities, 0, logProbabilities, 0, next.length);
    for (int r = 0; r < next.length; r++) {
      sequences[r] = newSequences[r];
    }
    generated = length;
    if (last) {
      Arrays.fill(done, true);
    }
    return parents;
  }

  /** Runs one step of source row b: its finished hypotheses and next running beams. */
  private void advanceRow(int b, StepScores scores, boolean last, int[] parents,
      int[][] newSequences, double[] newLogProbabilities) {
    int length = generated + 1;
    int blocked = rules.blockedToken(generated);

    // The best 2K continuations of the running beams, best first
    candidates.clear();
    for (int r = b * beams; r < (b + 1) * beams; r++) {
      double base = logProbabilities[r];
      if (base == Double.NEGATIVE_INFINITY) {
        continue;
      }
      for (int token = 0; token < scores.vocab(); token++) {
        double score = base + scores.logProbability(r, token);
        if (token != blocked && score > candidates.threshold()) {
          candidates.offer(score, r, token);
        }
      }
    }
    Candidate[] ranked = candidates.drainBestFirst();

    // Ranks below K may finish; the first K that do not finish run on
    int running = 0;
    for (int rank = 0; rank < ranked.length; rank++) {
      Candidate candidate = ranked[rank];
      boolean ends = rules.ends(candidate.token());
      if (ends || last) {
        if (rank < beams) {
          finished[b].add(extend(candidate), candidate.score(), ends);
        }
      } else if (running < beams) {
        int slot = b * beams + running++;
        parents[slot] = candidate.row();
        newSequences[slot] = extend(candidate);
        newLogProbabilities[slot] = candidate.score();
        next[slot] = candidate.token();
      }
    }

    // Empty beams where too few continuations were left; they continue beam 0's cache
    for (int k = running; k < beams; k++) {
      int slot = b * beams + k;
      parents[slot] = b * beams;
      newSequences[slot] = sequences[slot];
      newLogProbabilities[slot] = Double.NEGATIVE_INFINITY;
      next[slot] = rules.padTokenId();
    }

    double bestRunning = running > 0 ? newLogProbabilities[b * beams]
        : Double.NEGATIVE_INFINITY;
    done[b] = running == 0 || finished[b].isDone(bestRunning, length);
  }

  /** Feeds the pad token to the rows of a finished source row, each on its own cache. */
  private void keepDone(int b, int[] parents, int[][] newSequences,
      double[] newLogProbabilities) {
    for (int slot = b * beams; slot < (b + 1) * beams; slot++) {
      parents[slot] = slot;
      newSequences[slot] = sequences[slot];
      newLogProbabilities[slot] = logProbabilities[slot];
      next[slot] = rules.padTokenId();
    }
  }

  /** Returns the tokens of the candidate's beam followed by its token. */
  private int[] extend(Candidate candidate) {
    int[] extended = Arrays.copyOf(sequences[candidate.row()], generated + 1);
    extended[generated] = candidate.token();
    return extended;
  }

  @Override
  public boolean done() {
    for (boolean rowDone : done) {
      if (!rowDone) {
        return false;
      }
    }
    return true;
  }

  @Override
  public List<List<GeneratedSequence>> sequences() {
    List<List<GeneratedSequence>> rows = new ArrayList<>();
    for (FinishedHypotheses hypotheses : finished) {
      rows.add(hypotheses.best(options.numReturnSequences()));
    }
    return rows;
  }
}
