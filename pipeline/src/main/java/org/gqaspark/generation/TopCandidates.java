package org.gqaspark.generation;

/**
 * The best {@code capacity} continuations (beam, token) offered to it, by score, for one
 * source row of a beam search step. A binary min-heap keeps the current worst at the root,
 * so that most offers cost one comparison. Among equal scores, the continuation offered
 * first ranks higher, so that a search that offers beams and tokens in increasing order
 * breaks ties towards the lower beam and token, as greedy search does.
 */
final class TopCandidates {

  private final double[] scores; // heap of [capacity]
  private final int[] rows; // decoder row of the beam continued
  private final int[] tokens;
  private final long[] order; // offer number, to break ties
  private int size;
  private long offers;

  TopCandidates(int capacity) {
    this.scores = new double[capacity];
    this.rows = new int[capacity];
    this.tokens = new int[capacity];
    this.order = new long[capacity];
  }

  void clear() {
    size = 0;
    offers = 0;
  }

  /** The score a new offer must exceed to be kept, or minus infinity while not full. */
  double threshold() {
    return size < scores.length ? Double.NEGATIVE_INFINITY : scores[0];
  }

  /** Offers a continuation; kept only when it beats the current worst of a full heap. */
  void offer(double score, int row, int token) {
    long number = offers++;
    if (size < scores.length) {
      set(size, score, row, token, number);
      siftUp(size++);
    } else if (score > scores[0]) {
      set(0, score, row, token, number);
      siftDown(0);
    }
  }

  /**
   * Returns the kept continuations, best first, as {@link Candidate}s; empties the heap.
   */
  Candidate[] drainBestFirst() {
    Candidate[] sorted = new Candidate[size];
    for (int i = size - 1; i >= 0; i--) {
      sorted[i] = new Candidate(scores[0], rows[0], tokens[0]);
      size--;
      set(0, scores[size], rows[size], tokens[size], order[size]);
      siftDown(0);
    }
    return sorted;
  }

  /** One continuation: decoder row {@code row}'s beam followed by {@code token}. */
  record Candidate(double score, int row, int token) {}

  /** Returns whether entry i ranks below entry j: a lower score, or equal and offered later. */
  private boolean worse(int i, int j) {
    return scores[i] < scores[j] || (scores[i] == scores[j] && order[i] > order[j]);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!worse(i, parent)) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int left = 2 * i + 1;
      int worst = i;
      if (left < size && worse(left, worst)) {
        worst = left;
      }
      if (left + 1 < size && worse(left + 1, worst)) {
        worst = left + 1;
      }
      if (worst == i) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void set(int i, double score, int row, int token, long number) {
    scores[i] = score;
    rows[i] = row;
    tokens[i] = token;
    order[i] = number;
  }

  private void swap(int i, int j) {
    double score = scores[i];
    int row = rows[i];
    int token = tokens[i];
    long number = order[i];
    set(i, scores[j], rows[j], tokens[j], order[j]);
    set(j, score, row, token, number);
  }
}
