package org.gqaspark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class PorterStemmerTest {

  /**
   * Every word of four or more characters that rouge-score's tokenizer finds in the shipped
   * SciTLDR training split (13,206 words), with its stem from NLTK 3.8's PorterStemmer in its
   * default NLTK_EXTENSIONS mode. Generated with Debian's python3-nltk 3.8:
   * {@code PorterStemmer().stem(word)} for each word, written as "word TAB stem".
   */
  private static final String NLTK_STEMS = "/porter/nltk-3.8-scitldr-train-stems.tsv.gz";

  private final PorterStemmer stemmer = new PorterStemmer();

  @Test
  void stemsEqualNltkOnSciTldrVocabulary() throws IOException {
    List<String> mismatches = new ArrayList<>();
    int words = 0;
    try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream(NLTK_STEMS));
        BufferedReader reader = new BufferedReader(
            new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        String[] fields = line.split("\t");
        words++;
        String stem = stemmer.stem(fields[0]);
        if (!stem.equals(fields[1])) {
          mismatches.add(fields[0] + ": NLTK " + fields[1] + ", ours " + stem);
        }
      }
    }
    assertEquals(13206, words, "fixture size");
    assertEquals(List.of(), mismatches);
  }

  @Test
  void irregularFormsBypassTheRules() {
    assertEquals(List.of("sky", "die", "lie", "news", "inning", "succeed"),
        List.of("skies", "dying", "lying", "news", "innings", "succeed").stream()
            .map(stemmer::stem).toList());
  }

  @Test
  void extensionRulesOfNltk() {
    assertEquals(List.of("tie", "spi", "die", "happi", "enjoy", "gener", "geolog", "o"),
        List.of("ties", "spied", "died", "happy", "enjoy", "generously", "geology", "oed")
            .stream().map(stemmer::stem).toList());
  }
}
