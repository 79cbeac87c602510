package org.gqaspark.tokenizer;

import java.util.Arrays;

/**
 * Splits normalised text into the most probable sequence of pieces under a unigram language
 * model: Viterbi over the lattice of all vocabulary pieces that match the text, generated on the
 * fly as in the sentencepiece library's optimised encoder ({@code EncodeOptimized}, version
 * 0.1.97). The scores follow the library to the bit:
 *
 * <ul>
 *   <li>a normal piece scores its log probability, added in double precision and stored as a
 *       float, as the C++ expression types do;
 *   <li>a user-defined piece scores {@code length * maxScore - 0.1}, where maxScore starts at the
 *       smallest positive float, so such pieces always win;
 *   <li>a character that no single-character piece covers becomes an unknown node scoring
 *       {@code minScore - 10}; unused pieces are skipped.
 * </ul>
 *
 * Allocates three arrays per call and nothing per character; immutable and thread-safe.
 */
final class UnigramSegmenter {

  private static final float UNKNOWN_PENALTY = 10.0f;

  private final ByteTrie trie;
  private final float[] scores;
  private final boolean[] userDefined;
  private final boolean[] unused;
  private final int unknownId;
  private final float unknownScore;
  private final float maxScore;

  /** Pieces of one text: piece k is {@code ids[k]} and covers bytes [starts[k], starts[k + 1]). */
  record Segmentation(int count, int[] ids, int[] starts) {
    static final Segmentation EMPTY = new Segmentation(0, new int[0], new int[] {0});
  }

  UnigramSegmenter(ByteTrie trie, SentencePieceModel model, int unknownId) {
    int size = model.size();
    this.trie = trie;
    this.scores = new float[size];
    this.userDefined = new boolean[size];
    this.unused = new boolean[size];
    this.unknownId = unknownId;

    float min = Float.MAX_VALUE;
    float max = Float.MIN_NORMAL;
    for (int id = 0; id < size; id++) {
      scores[id] = model.score(id);
      userDefined[id] = model.type(id) == PieceType.USER_DEFINED;
      unused[id] = model.type(id) == PieceType.UNUSED;
      if (model.type(id) == PieceType.NORMAL) {
        min = Math.min(min, model.score(id));
        max = Math.max(max, model.score(id));
      }
    }
    this.unknownScore = min - UNKNOWN_PENALTY;
    this.maxScore = max;
  }

  Segmentation segment(byte[] text) {
    int size = text.length;
    if (size == 0) {
      return Segmentation.EMPTY;
    }
    // Best path ending at each byte offset: its score, where its last piece starts, which piece.
    float[] bestScore = new float[size + 1];
    int[] lastStart = new int[size + 1];
    int[] lastId = new int[size + 1];
    Arrays.fill(lastStart, -1);

    int start = 0;
    while (start < size) {
      float scoreSoFar = bestScore[start];
      int charLength = Math.min(Utf8.oneCharLength(text[start]), size - start);
      boolean hasSingleCharPiece = false;

      int node = ByteTrie.ROOT;
      for (int end = start; end < size; ) {
        node = trie.next(node, text[end]);
        if (node == ByteTrie.NO_NODE) {
          break;
        }
        end++;
        int id = trie.value(node);
        if (id < 0 || unused[id]) {
          continue;
        }
        int length = end - start;
        double pieceScore = userDefined[id] ? (double) (length * maxScore) - 0.1 : scores[id];
        double candidate = pieceScore + scoreSoFar;
        if (lastStart[end] == -1 || candidate > bestScore[end]) {
          bestScore[end] = (float) candidate;
          lastStart[end] = start;
          lastId[end] = id;
        }
        if (length == charLength) {
          hasSingleCharPiece = true;
        }
      }

      if (!hasSingleCharPiece) {
        int end = start + charLength;
        float candidate = unknownScore + scoreSoFar;
        if (lastStart[end] == -1 || candidate > bestScore[end]) {
          bestScore[end] = candidate;
          lastStart[end] = start;
          lastId[end] = unknownId;
        }
      }
      start += charLength;
    }

    return backtrack(size, lastStart, lastId);
  }

  private static Segmentation backtrack(int size, int[] lastStart, int[] lastId) {
    int count = 0;
    for (int end = size; end > 0; end = lastStart[end]) {
      count++;
    }
    int[] ids = new int[count];
    int[] starts = new int[count + 1];
    starts[count] = size;
    int k = count;
    for (int end = size; end > 0; end = lastStart[end]) {
      k--;
      ids[k] = lastId[end];
      starts[k] = lastStart[end];
    }
    return new Segmentation(count, ids, starts);
  }
}
