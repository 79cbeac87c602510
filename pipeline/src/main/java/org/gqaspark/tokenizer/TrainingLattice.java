package org.gqaspark.tokenizer;

import java.util.Arrays;

/**
 * The lattice of one word during training: every vocabulary piece that matches at a character
 * boundary, plus an unknown node (id -1) at each character that no single-character piece
 * covers. Computes the forward-backward expected piece counts for EM and the Viterbi path for
 * pruning. Reusable scratch space for one thread: {@link #build} replaces the previous word.
 */
final class TrainingLattice {

  private static final int UNKNOWN = -1;

  private int size;
  private int nodeCount;
  private int[] nodeStart = new int[64];
  private int[] nodeEnd = new int[64];
  private int[] nodeId = new int[64];
  private float[] nodeScore = new float[64];
  private double[] alpha = new double[64];
  private double[] beta = new double[64];
  private int[] bestNode = new int[64];
  private int[] path = new int[64];

  /** Fills the lattice for a word given as UTF-8 bytes. */
  void build(byte[] word, TrainingPieces pieces) {
    size = word.length;
    nodeCount = 0;
    ByteTrie trie = pieces.trie();
    for (int start = 0; start < size; ) {
      int charLength = Math.min(Utf8.oneCharLength(word[start]), size - start);
      boolean hasSingleCharPiece = false;
      int node = ByteTrie.ROOT;
      for (int end = start; end < size; ) {
        node = trie.next(node, word[end]);
        if (node == ByteTrie.NO_NODE) {
          break;
        }
        end++;
        int id = trie.value(node);
        if (id >= 0) {
          addNode(start, end, id, pieces.score(id));
          hasSingleCharPiece |= end - start == charLength;
        }
      }
      if (!hasSingleCharPiece) {
        addNode(start, start + charLength, UNKNOWN, pieces.unknownScore());
      }
      start += charLength;
    }
  }

  /**
   * Adds {@code count} times the posterior probability of each piece node to
   * {@code expected[id]} and returns the log of the word's total probability (log Z).
   */
  double addExpectedCounts(long count, double[] expected) {
    ensurePositions();
    Arrays.fill(alpha, 0, size + 1, Double.NEGATIVE_INFINITY);
    Arrays.fill(beta, 0, size + 1, Double.NEGATIVE_INFINITY);
    alpha[0] = 0;
    beta[size] = 0;

    // Nodes are in order of their start, so alpha[start] is final when a node reads it.
    for (int k = 0; k < nodeCount; k++) {
      alpha[nodeEnd[k]] = logAdd(alpha[nodeEnd[k]], alpha[nodeStart[k]] + nodeScore[k]);
    }
    for (int k = nodeCount - 1; k >= 0; k--) {
      beta[nodeStart[k]] = logAdd(beta[nodeStart[k]], nodeScore[k] + beta[nodeEnd[k]]);
    }

    double logZ = alpha[size];
    for (int k = 0; k < nodeCount; k++) {
      if (nodeId[k] != UNKNOWN) {
        double logPosterior = alpha[nodeStart[k]] + nodeScore[k] + beta[nodeEnd[k]] - logZ;
        expected[nodeId[k]] += count * Math.exp(logPosterior);
      }
    }
    return logZ;
  }

  /**
   * Finds the most probable segmentation without the node that spans the whole word with piece
   * {@code excludedId} (pass -2 to exclude nothing). Returns the number of pieces, readable
   * through {@link #pathId}, or 0 when no segmentation remains.
   */
  int viterbi(int excludedId) {
    ensurePositions();
    Arrays.fill(alpha, 0, size + 1, Double.NEGATIVE_INFINITY);
    Arrays.fill(bestNode, 0, size + 1, -1);
    alpha[0] = 0;
    for (int k = 0; k < nodeCount; k++) {
      if (nodeId[k] == excludedId && nodeStart[k] == 0 && nodeEnd[k] == size) {
        continue;
      }
      double score = alpha[nodeStart[k]] + nodeScore[k];
      if (score > alpha[nodeEnd[k]]) {
        alpha[nodeEnd[k]] = score;
        bestNode[nodeEnd[k]] = k;
      }
    }
    if (bestNode[size] < 0) {
      return 0;
    }

    int length = 0;
    for (int end = size; end > 0; end = nodeStart[bestNode[end]]) {
      length++;
    }
    if (path.length < length) {
      path = new int[Math.max(length, path.length * 2)];
    }
    int k = length;
    for (int end = size; end > 0; end = nodeStart[bestNode[end]]) {
      path[--k] = nodeId[bestNode[end]];
    }
    return length;
  }

  /** Returns the piece id at {@code index} of the last Viterbi path; -1 is an unknown node. */
  int pathId(int index) {
    return path[index];
  }

  private void addNode(int start, int end, int id, float score) {
    if (nodeCount == nodeStart.length) {
      int capacity = nodeCount * 2;
      nodeStart = Arrays.copyOf(nodeStart, capacity);
      nodeEnd = Arrays.copyOf(nodeEnd, capacity);
      nodeId = Arrays.copyOf(nodeId, capacity);
      nodeScore = Arrays.copyOf(nodeScore, capacity);
    }
    nodeStart[nodeCount] = start;
    nodeEnd[nodeCount] = end;
    nodeId[nodeCount] = id;
    nodeScore[nodeCount] = score;
    nodeCount++;
  }

  private void ensurePositions() {
    if (alpha.length <= size) {
      int capacity = Math.max(size + 1, alpha.length * 2);
      alpha = new double[capacity];
      beta = new double[capacity];
      bestNode = new int[capacity];
    }
  }

  private static double logAdd(double x, double y) {
    if (x == Double.NEGATIVE_INFINITY) {
      return y;
    }
    if (y == Double.NEGATIVE_INFINITY) {
      return x;
    }
    double max = Math.max(x, y);
    return max + Math.log1p(Math.exp(Math.min(x, y) - max));
  }
}
