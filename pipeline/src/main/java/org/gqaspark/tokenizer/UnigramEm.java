package org.gqaspark.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.gqaspark.tokenizer.TrainingPieces.ScoredPiece;

/**
 * EM for a unigram language model over counted words, and the loss-based pruning between EM
 * rounds, as in the sentencepiece trainer (Kudo, 2018, "Subword Regularization", arXiv
 * 1804.10959, and {@code unigram_model_trainer.cc} of sentencepiece 0.1.97):
 *
 * <ul>
 *   <li>E step: expected count of each piece from forward-backward over each word's lattice;
 *   <li>M step: pieces with an expected count below 0.5 are dropped; the others get the
 *       log probability {@code digamma(count) - digamma(total)}, the variational Bayes update
 *       under a sparse Dirichlet prior, which drives rare pieces further down;
 *   <li>pruning: each piece whose best segmentation is itself is scored by the likelihood lost
 *       when its occurrences fall back to its second-best segmentation; the pieces losing least
 *       are dropped until {@code shrinkingFactor} of them remain.
 * </ul>
 *
 * Words are split into one stripe per thread, and the per-thread sums are added in a fixed
 * order, so for a given thread count the results do not depend on scheduling.
 */
final class UnigramEm implements AutoCloseable {

  /** Expected count below which the M step drops a piece, as in the library. */
  private static final double MIN_EXPECTED_COUNT = 0.5;

  private final byte[][] words;
  private final long[] counts;
  private final long totalCount;
  private final int threads;
  private final ExecutorService pool;

  /**
   * Result of an E step: expected counts per piece id, the loss (mean negative log-likelihood
   * per word occurrence) and the number of pieces in the Viterbi segmentation of all words.
   */
  record Expectation(double[] expected, double loss, long tokens) {}

  UnigramEm(byte[][] words, long[] counts, int threads) {
    this.words = words;
    this.counts = counts;
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    this.totalCount = total;
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "unigram-em");
      thread.setDaemon(true);
      return thread;
    });
  }

  int wordCount() {
    return words.length;
  }

  long totalCount() {
    return totalCount;
  }

  Expectation expectation(TrainingPieces pieces) {
    List<Expectation> parts = inStripes(stripe -> {
      TrainingLattice lattice = new TrainingLattice();
      double[] expected = new double[pieces.size()];
      double logLikelihood = 0;
      long tokens = 0;
      for (int i = stripe; i < words.length; i += threads) {
        lattice.build(words[i], pieces);
        logLikelihood += counts[i] * lattice.addExpectedCounts(counts[i], expected);
        tokens += counts[i] * lattice.viterbi(-2);
      }
      return new Expectation(expected, -logLikelihood, tokens);
    });

    double[] expected = new double[pieces.size()];
    double negativeLogLikelihood = 0;
    long tokens = 0;
    for (Expectation part : parts) {
      for (int id = 0; id < expected.length; id++) {
        expected[id] += part.expected()[id];
      }
      negativeLogLikelihood += part.loss();
      tokens += part.tokens();
    }
    return new Expectation(expected, negativeLogLikelihood / totalCount, tokens);
  }

  /** Returns the pieces with new log probabilities, in the order of {@code pieces}. */
  static List<ScoredPiece> maximization(TrainingPieces pieces, double[] expected) {
    List<ScoredPiece> frequent = new ArrayList<>();
    double total = 0;
    for (int id = 0; id < pieces.size(); id++) {
      if (expected[id] >= MIN_EXPECTED_COUNT) {
        frequent.add(new ScoredPiece(pieces.piece(id).text(), (float) expected[id]));
        total += expected[id];
      }
    }
    double logTotal = digamma(total);
    List<ScoredPiece> updated = new ArrayList<>(frequent.size());
    for (ScoredPiece piece : frequent) {
      updated.add(new ScoredPiece(piece.text(), (float) (digamma(piece.score()) - logTotal)));
    }
    return updated;
  }

  /**
   * Returns the pieces to keep: those without an alternative segmentation, then those whose
   * removal loses most likelihood, up to {@code max(desiredSize, shrinkingFactor * size)}.
   */
  List<ScoredPiece> prune(TrainingPieces pieces, int desiredSize, float shrinkingFactor) {
    int size = pieces.size();

    // Whether each piece must stay, and what its occurrences become if it goes.
    boolean[] alwaysKeep = new boolean[size];
    int[][] alternatives = new int[size][];
    inStripes(stripe -> {
      TrainingLattice lattice = new TrainingLattice();
      for (int id = stripe; id < size; id += threads) {
        lattice.build(pieces.piece(id).text().getBytes(StandardCharsets.UTF_8), pieces);
        int bestLength = lattice.viterbi(-2);
        if (bestLength >= 2) {
          continue;
        }
        alwaysKeep[id] = true;
        int alternativeLength = lattice.viterbi(id);
        int[] alternative = new int[alternativeLength];
        for (int k = 0; k < alternativeLength; k++) {
          alternative[k] = lattice.pathId(k);
        }
        boolean hasUnknown = Arrays.stream(alternative).anyMatch(piece -> piece < 0);
        alternatives[id] = hasUnknown ? new int[0] : alternative;
      }
      return Boolean.TRUE;
    });

    // How often each piece occurs in the Viterbi segmentation of the corpus.
    List<double[]> parts = inStripes(stripe -> {
      TrainingLattice lattice = new TrainingLattice();
      double[] frequency = new double[size];
      for (int i = stripe; i < words.length; i += threads) {
        lattice.build(words[i], pieces);
        int length = lattice.viterbi(-2);
        for (int k = 0; k < length; k++) {
          if (lattice.pathId(k) >= 0) {
            frequency[lattice.pathId(k)] += counts[i];
          }
        }
      }
      return frequency;
    });
    double[] frequency = new double[size];
    for (double[] part : parts) {
      for (int id = 0; id < size; id++) {
        frequency[id] += part[id];
      }
    }
    double sum = Arrays.stream(frequency).sum();
    double logSum = Math.log(sum);

    List<ScoredPiece> remaining = new ArrayList<>();
    List<double[]> candidates = new ArrayList<>();
    for (int id = 0; id < size; id++) {
      if (frequency[id] == 0 || !alwaysKeep[id]) {
        continue;
      }
      if (alternatives[id].length == 0) {
        remaining.add(pieces.piece(id));
        continue;
      }
      double share = frequency[id] / totalCount;
      double logProbability = Math.log(frequency[id]) - logSum;
      // Removing the piece moves its count onto each of its alternatives. sentencepiece 0.1.97
      // multiplies by the vocabulary size here instead; 0.1.99 and later use the alternatives.
      double logSumWithout = Math.log(sum + frequency[id] * (alternatives[id].length - 1));
      double logProbabilityWithout = 0;
      for (int alternative : alternatives[id]) {
        logProbabilityWithout += Math.log(frequency[alternative] + frequency[id]) - logSumWithout;
      }
      candidates.add(new double[] {id, share * (logProbability - logProbabilityWithout)});
    }

    candidates.sort(Comparator.<double[]>comparingDouble(candidate -> -candidate[1])
        .thenComparingDouble(candidate -> candidate[0]));
    int prunedSize = Math.max(desiredSize, (int) (shrinkingFactor * size));
    for (double[] candidate : candidates) {
      if (remaining.size() >= prunedSize) {
        break;
      }
      remaining.add(pieces.piece((int) candidate[0]));
    }
    return remaining;
  }

  /**
   * Returns the digamma function by its asymptotic series after shifting x above 7, the same
   * approximation as the library's (error far below float precision for x > 0).
   */
  static double digamma(double x) {
    double result = 0;
    for (; x < 7; x++) {
      result -= 1 / x;
    }
    x -= 0.5;
    double inverse = 1 / x;
    double inverse2 = inverse * inverse;
    double inverse4 = inverse2 * inverse2;
    return result + Math.log(x) + inverse2 / 24 - 7.0 / 960 * inverse4
        + 31.0 / 8064 * inverse4 * inverse2 - 127.0 / 30720 * inverse4 * inverse4;
  }

  /** Runs one task per thread, passing the stripe index, and returns the results in order. */
  private <T> List<T> inStripes(IntFunction<T> task) {
    List<Future<T>> futures = new ArrayList<>(threads);
    for (int stripe = 0; stripe < threads; stripe++) {
      int index = stripe;
      futures.add(pool.submit(() -> task.apply(index)));
    }
    List<T> results = new ArrayList<>(threads);
    try {
      for (Future<T> future : futures) {
        results.add(future.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Vocabulary training was interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Vocabulary training failed in a worker thread: "
          + e.getCause(), e.getCause());
    }
    return results;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
