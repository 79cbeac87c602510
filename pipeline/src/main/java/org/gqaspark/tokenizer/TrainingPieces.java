package org.gqaspark.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The vocabulary during EM: pieces with their log probabilities and a trie over their UTF-8
 * bytes. Immutable; each EM step builds a new one.
 */
final class TrainingPieces {

  /** Score below the lowest piece score that an uncovered character gets, as in the library. */
  static final float UNKNOWN_PENALTY = 10.0f;

  /** A piece and its log probability. */
  record ScoredPiece(String text, float score) {}

  /**
   * Orders by score, highest first, then by the UTF-8 bytes of the text: the order of the
   * library's {@code Sorted}, so that ties break the same way.
   */
  static final Comparator<ScoredPiece> BY_SCORE = (left, right) -> {
    int byScore = Float.compare(right.score(), left.score());
    if (byScore != 0) {
      return byScore;
    }
    return Arrays.compareUnsigned(left.text().getBytes(StandardCharsets.UTF_8),
        right.text().getBytes(StandardCharsets.UTF_8));
  };

  private final ScoredPiece[] pieces;
  private final float[] scores;
  private final ByteTrie trie;
  private final float minScore;

  TrainingPieces(List<ScoredPiece> pieces) {
    this.pieces = pieces.toArray(new ScoredPiece[0]);
    this.scores = new float[this.pieces.length];
    byte[][] keys = new byte[this.pieces.length][];
    int[] ids = new int[this.pieces.length];
    float min = Float.MAX_VALUE;
    for (int id = 0; id < this.pieces.length; id++) {
      scores[id] = this.pieces[id].score();
      keys[id] = this.pieces[id].text().getBytes(StandardCharsets.UTF_8);
      ids[id] = id;
      min = Math.min(min, scores[id]);
    }
    this.trie = ByteTrie.build(keys, ids);
    this.minScore = min;
  }

  int size() {
    return pieces.length;
  }

  ScoredPiece piece(int id) {
    return pieces[id];
  }

  float score(int id) {
    return scores[id];
  }

  ByteTrie trie() {
    return trie;
  }

  float minScore() {
    return minScore;
  }

  float unknownScore() {
    return minScore - UNKNOWN_PENALTY;
  }
}
