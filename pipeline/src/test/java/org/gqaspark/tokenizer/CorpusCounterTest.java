package org.gqaspark.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** Word, character and substring counts on Spark, on lines whose counts are known. */
class CorpusCounterTest {

  private static CorpusCounter.WordCounts counts;

  @BeforeAll
  static void count() {
    Dataset<String> lines = SparkTestSession.get().createDataset(List.of(
        "the cat  sat", "The cat", "  ", "x".repeat(50), "skip \u2585 this", "a <pad> b",
        "\uff54\uff48\uff45 cat"), Encoders.STRING());
    counts = CorpusCounter.countWords(lines, T5Vocab.tokenizer().model().normalizerSpec()
        .withAddDummyPrefix(true), List.of("<pad>", "</s>", "<unk>"), 40);
  }

  @AfterAll
  static void release() {
    counts.words().unpersist(false);
  }

  @Test
  void wordsCountedAfterNormalisation() {
    Map<String, Long> words = new TreeMap<>(counts.words().collectAsMap());

    assertEquals(Map.of("\u2581the", 2L, "\u2581cat", 3L, "\u2581sat", 1L, "\u2581The", 1L,
        "\u2581a", 1L, "\u2581\u2585", 1L, "\u2581b", 1L), words);
  }

  @Test
  void skippedLinesCountedByReason() {
    assertEquals(7, counts.lines());
    assertEquals(1, counts.tooLong());
    assertEquals(1, counts.withUnknownMarker());
    assertEquals(1, counts.empty());
  }

  @Test
  void charactersWeightedByWordCounts() {
    Map<Integer, Long> characters = CorpusCounter.countCharacters(counts.words());

    assertEquals(10L, characters.get(0x2581));
    assertEquals(5L, characters.get((int) 'a'));
    assertEquals(6L, characters.get((int) 't'));
    assertEquals(null, characters.get(0x2585));
  }

  /**
   * Substrings occurring at least twice, scored by occurrences times length: "▁cat" 3 x 4,
   * then "cat" and "▁ca" 3 x 3, then "at" (3 from "▁cat", 1 from "▁sat") x 2 and "▁the"
   * 2 x 4. Ties go to the smaller string.
   */
  @Test
  void frequentSubstringsRankedByCoverage() {
    int[] required = "\u2581thecaTsab".codePoints().toArray();
    PieceRules rules = new PieceRules(UnigramTrainerOptions.defaults(100));

    List<Tuple2<String, Long>> top = CorpusCounter.frequentSubstrings(counts.words(), required,
        rules, 4);

    assertEquals(List.of(new Tuple2<>("\u2581cat", 12L), new Tuple2<>("cat", 9L),
        new Tuple2<>("\u2581ca", 9L), new Tuple2<>("at", 8L)), top);
  }

  @Test
  void splitWordsBreaksBeforeSpaceMarker() {
    assertEquals(List.of("a", "\u2581b", "\u2581cd"), CorpusCounter.splitWords("a\u2581b\u2581cd"));
  }
}
