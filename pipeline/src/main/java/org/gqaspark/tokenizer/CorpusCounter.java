package org.gqaspark.tokenizer;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * The distributed part of vocabulary training: normalises the corpus on the executors and
 * counts words, characters and frequent substrings, so that only counts reach the driver.
 */
final class CorpusCounter {

  private CorpusCounter() {}

  /** Word counts, cached on the executors, with the numbers of lines read and skipped. */
  record WordCounts(JavaPairRDD<String, Long> words, long lines, long tooLong,
      long withUnknownMarker, long empty) {

    long skipped() {
      return tooLong + withUnknownMarker + empty;
    }
  }

  /**
   * Normalises each line and counts its words, a word being a U+2581 and the text up to the
   * next one. As in the sentencepiece trainer, lines longer than {@code maxSentenceBytes} and
   * lines containing the unknown marker U+2585 are skipped, and occurrences of special pieces
   * ({@code <pad>}, sentinels, ...) are replaced by U+2585 so that no piece learns them.
   */
  static WordCounts countWords(Dataset<String> lines, NormalizerSpec spec,
      List<String> specialPieces, int maxSentenceBytes) {
    var context = lines.sparkSession().sparkContext();
    LongAccumulator read = context.longAccumulator("vocabulary lines read");
    LongAccumulator tooLong = context.longAccumulator("vocabulary lines too long");
    LongAccumulator withMarker = context.longAccumulator("vocabulary lines with U+2585");
    LongAccumulator empty = context.longAccumulator("vocabulary lines empty");
    String marker = new String(Character.toChars(PieceRules.UNKNOWN_MARKER));
    List<String> special = List.copyOf(specialPieces);

    JavaPairRDD<String, Long> words = lines.javaRDD().mapPartitionsToPair(partition -> {
      Normalizer normalizer = new Normalizer(spec, false, null, "normalizer of the new model");
      List<Tuple2<String, Long>> counted = new ArrayList<>();
      while (partition.hasNext()) {
        String line = partition.next();
        read.add(1);
        if (line == null) {
          empty.add(1);
          continue;
        }
        if (line.getBytes(StandardCharsets.UTF_8).length > maxSentenceBytes) {
          tooLong.add(1);
          continue;
        }
        if (line.contains(marker)) {
          withMarker.add(1);
          continue;
        }
        String normalized = replaceSpecialPieces(normalizer.normalize(line), special, marker);
        if (normalized.isEmpty()) {
          empty.add(1);
          continue;
        }
        for (String word : splitWords(normalized)) {
          counted.add(new Tuple2<>(word, 1L));
        }
      }
      return counted.iterator();
    }).reduceByKey(Long::sum);

    words.persist(StorageLevel.MEMORY_AND_DISK());
    words.count();
    return new WordCounts(words, read.value(), tooLong.value(), withMarker.value(), empty.value());
  }

  /** Returns occurrences of each code point, weighted by word counts (U+2585 excluded). */
  static Map<Integer, Long> countCharacters(JavaPairRDD<String, Long> words) {
    return new HashMap<>(words.flatMapToPair(word -> {
      List<Tuple2<Integer, Long>> characters = new ArrayList<>();
      word._1().codePoints()
          .filter(c -> c != PieceRules.UNKNOWN_MARKER)
          .forEach(c -> characters.add(new Tuple2<>(c, word._2())));
      return characters.iterator();
    }).reduceByKey(Long::sum).collectAsMap());
  }

  /**
   * Returns the {@code limit} substrings of two or more characters with the highest
   * {@code occurrences * length}, among those that occur at least twice, consist of
   * {@code required} characters only and are valid pieces. Ties go to the smaller string.
   *
   * <p>The sentencepiece trainer finds its seeds with a suffix array over all sentences, which
   * yields the substrings that occur twice or more with differing next characters. This counts
   * every substring of up to maxPieceLength characters of every distinct word instead, weighted
   * by the word's count, which Spark spreads over the executors and which needs no suffix array
   * of the whole corpus in one JVM. Substrings that the suffix array skips (those always followed
   * by the same character) can enter the seeds too, and compete in EM and pruning like any
   * other seed.
   */
  static List<Tuple2<String, Long>> frequentSubstrings(JavaPairRDD<String, Long> words,
      int[] required, PieceRules rules, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    int[] sortedRequired = required.clone();
    Arrays.sort(sortedRequired);
    JavaPairRDD<String, Long> substrings = words.flatMapToPair(word ->
        substrings(word._1(), word._2(), sortedRequired, rules)).reduceByKey(Long::sum);
    return substrings
        .filter(substring -> substring._2() >= 2)
        .mapToPair(substring -> new Tuple2<>(substring._1(),
            substring._2() * substring._1().codePointCount(0, substring._1().length())))
        .takeOrdered(limit, new ByScoreThenText());
  }

  private static Iterator<Tuple2<String, Long>> substrings(String word, long count,
      int[] required, PieceRules rules) {
    int[] codePoints = word.codePoints().toArray();
    List<Tuple2<String, Long>> found = new ArrayList<>();
    for (int start = 0; start < codePoints.length; start++) {
      int maxEnd = Math.min(codePoints.length, start + rules.maxPieceLength());
      for (int end = start + 1; end <= maxEnd; end++) {
        if (Arrays.binarySearch(required, codePoints[end - 1]) < 0
            || !rules.isValid(codePoints, start, end)) {
          break;
        }
        if (end - start >= 2) {
          found.add(new Tuple2<>(new String(codePoints, start, end - start), count));
        }
      }
    }
    return found.iterator();
  }

  /** Splits normalised text before each U+2581, as the library's SplitIntoWords. */
  static List<String> splitWords(String normalized) {
    List<String> words = new ArrayList<>();
    int start = 0;
    for (int i = 1; i < normalized.length(); i++) {
      if (normalized.charAt(i) == PieceRules.SPACE_MARKER) {
        words.add(normalized.substring(start, i));
        start = i;
      }
    }
    words.add(normalized.substring(start));
    return words;
  }

  private static String replaceSpecialPieces(String text, List<String> special, String marker) {
    if (text.indexOf('<') < 0) {
      return text;
    }
    String replaced = text;
    for (String piece : special) {
      replaced = replaced.replace(piece, marker);
    }
    return replaced;
  }

  /** Highest score first, then the smaller string; serializable for Spark's takeOrdered. */
  private static final class ByScoreThenText
      implements Comparator<Tuple2<String, Long>>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Tuple2<String, Long> left, Tuple2<String, Long> right) {
      int byScore = Long.compare(right._2(), left._2());
      return byScore != 0 ? byScore : left._1().compareTo(right._1());
    }
  }
}
