package org.gqaspark.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gqaspark.tokenizer.TrainingPieces.ScoredPiece;
import org.junit.jupiter.api.Test;

/** EM, pruning and the final piece choice on small cases computed by hand or brute force. */
class UnigramEmTest {

  private static final double TOLERANCE = 1e-9;

  /** Reference values of the digamma function (Abramowitz and Stegun, table 6.3). */
  @Test
  void digammaMatchesReferenceValues() {
    assertEquals(-0.5772156649015329, UnigramEm.digamma(1), TOLERANCE);
    assertEquals(-1.9635100260214235, UnigramEm.digamma(0.5), TOLERANCE);
    assertEquals(0.4227843350984671, UnigramEm.digamma(2), TOLERANCE);
    assertEquals(2.251752589066721, UnigramEm.digamma(10), TOLERANCE);
    assertEquals(4.600161852738087, UnigramEm.digamma(100), TOLERANCE);
  }

  @Test
  void expectedCountsMatchBruteForce() {
    List<ScoredPiece> list = List.of(piece("a", -1.0f), piece("b", -1.5f), piece("ab", -2.2f),
        piece("ba", -2.9f), piece("aba", -3.1f), piece("\u2581", -0.7f),
        piece("\u2581a", -1.8f));
    TrainingPieces pieces = new TrainingPieces(list);
    String word = "\u2581abab";

    double[] expected = new double[list.size()];
    TrainingLattice lattice = new TrainingLattice();
    lattice.build(word.getBytes(StandardCharsets.UTF_8), pieces);
    double logZ = lattice.addExpectedCounts(3, expected);

    double[] bruteForce = new double[list.size()];
    double z = enumerate(word, 0, list, new ArrayList<>(), bruteForce);
    for (int id = 0; id < bruteForce.length; id++) {
      bruteForce[id] *= 3 / z;
    }
    assertEquals(Math.log(z), logZ, TOLERANCE);
    assertArrayEquals(bruteForce, expected, TOLERANCE);
  }

  /**
   * Unknown nodes at characters without a single-character piece score min - 10 = -13, so
   * "abc" has two paths: "ab" ? (-16) and "a" ? ? (-27).
   */
  @Test
  void uncoveredCharacterScoresBelowMinimum() {
    TrainingPieces pieces = new TrainingPieces(List.of(piece("a", -1f), piece("ab", -3f)));
    TrainingLattice lattice = new TrainingLattice();
    lattice.build("abc".getBytes(StandardCharsets.UTF_8), pieces);

    double logZ = lattice.addExpectedCounts(1, new double[2]);

    assertEquals(Math.log(Math.exp(-16) + Math.exp(-27)), logZ, 1e-6);
  }

  @Test
  void maximizationAppliesDigammaAndDropsRarePieces() {
    TrainingPieces pieces = new TrainingPieces(
        List.of(piece("a", -1f), piece("b", -1f), piece("c", -1f)));

    List<ScoredPiece> updated = UnigramEm.maximization(pieces, new double[] {6.0, 0.49, 2.0});

    assertEquals(2, updated.size());
    assertEquals("a", updated.get(0).text());
    assertEquals(UnigramEm.digamma(6) - UnigramEm.digamma(8), updated.get(0).score(), 1e-6);
    assertEquals("c", updated.get(1).text());
    assertEquals(UnigramEm.digamma(2) - UnigramEm.digamma(8), updated.get(1).score(), 1e-6);
  }

  /**
   * Corpus "▁ab" x10 and "▁cd" x3, each its own Viterbi piece, with "▁a" "b" and "▁c" "d"
   * as second-best segmentations. The loss of dropping piece p with Viterbi count f (of 13) and two
   * alternatives of count 0 is (f / 13) * (log(f / 13) - 2 log(f / (13 + f))): 1.08 for "▁ab",
   * 0.43 for "▁cd". Keeping one piece keeps "▁ab". Pieces that no Viterbi path uses go first.
   */
  @Test
  void pruneKeepsHighestLoss() {
    List<ScoredPiece> list = List.of(piece("\u2581", -3f), piece("a", -3f), piece("b", -3f),
        piece("c", -3f), piece("d", -3f), piece("\u2581a", -2f), piece("\u2581c", -2f),
        piece("\u2581ab", -1f), piece("\u2581cd", -1f));
    TrainingPieces pieces = new TrainingPieces(list);
    byte[][] words = {"\u2581ab".getBytes(StandardCharsets.UTF_8),
        "\u2581cd".getBytes(StandardCharsets.UTF_8)};

    List<ScoredPiece> kept;
    try (UnigramEm em = new UnigramEm(words, new long[] {10, 3}, 2)) {
      kept = em.prune(pieces, 1, 0.1f);
    }

    assertEquals(List.of(piece("\u2581ab", -1f)), kept);
  }

  /** A piece whose own Viterbi path splits it ("▁abc" as "▁ab" "c") is dropped first. */
  @Test
  void pruneDropsPiecesThatSplit() {
    List<ScoredPiece> list = List.of(piece("\u2581", -3f), piece("a", -3f), piece("b", -3f),
        piece("c", -3f), piece("\u2581ab", -1f), piece("\u2581abc", -9f));
    TrainingPieces pieces = new TrainingPieces(list);
    byte[][] words = {"\u2581abc".getBytes(StandardCharsets.UTF_8)};

    List<ScoredPiece> kept;
    try (UnigramEm em = new UnigramEm(words, new long[] {4}, 1)) {
      kept = em.prune(pieces, 6, 0.9f);
    }

    assertEquals(List.of(piece("c", -3f), piece("\u2581ab", -1f)), kept);
  }

  @Test
  void requiredCharactersStopAtCoverage() {
    Map<Integer, Long> counts = Map.of((int) 'a', 50L, (int) 'b', 30L, (int) 'c', 15L,
        (int) 'd', 5L);

    LinkedHashMap<Integer, Long> required =
        UnigramTrainer.requiredCharacters(counts, "z", 0.8f);

    assertEquals(List.of((int) 'z', (int) 'a', (int) 'b'), new ArrayList<>(required.keySet()));
  }

  @Test
  void fullCoverageKeepsEveryCharacter() {
    Map<Integer, Long> counts = Map.of((int) 'a', 50L, (int) 'b', 1L);

    LinkedHashMap<Integer, Long> required = UnigramTrainer.requiredCharacters(counts, "", 1f);

    assertEquals(2, required.size());
  }

  @Test
  void finalPiecesAddDroppedRequiredCharacters() {
    List<ScoredPiece> pieces = List.of(piece("a", -2f), piece("ab", -1f), piece("abc", -4f),
        piece("bc", -3f));
    LinkedHashMap<Integer, Long> required = new LinkedHashMap<>();
    required.put((int) 'a', 10L);
    required.put((int) 'b', 8L);
    required.put((int) 'c', 2L);

    List<ScoredPiece> result = UnigramTrainer.finalPieces(pieces, required, 5);

    assertEquals(List.of(piece("ab", -1f), piece("a", -2f), piece("bc", -3f),
        piece("c", -3.9999f), piece("b", -4f)), result);
  }

  private static ScoredPiece piece(String text, float score) {
    return new ScoredPiece(text, score);
  }

  /** Sums exp(score) over all segmentations of word[from..] and adds piece occurrences. */
  private static double enumerate(String word, int from, List<ScoredPiece> pieces,
      List<Integer> path, double[] counts) {
    if (from == word.length()) {
      double probability = 0;
      for (int id : path) {
        probability += pieces.get(id).score();
      }
      probability = Math.exp(probability);
      for (int id : path) {
        counts[id] += probability;
      }
      return probability;
    }
    double total = 0;
    for (int id = 0; id < pieces.size(); id++) {
      if (word.startsWith(pieces.get(id).text(), from)) {
        path.add(id);
        total += enumerate(word, from + pieces.get(id).text().length(), pieces, path, counts);
        path.remove(path.size() - 1);
      }
    }
    return total;
  }
}
