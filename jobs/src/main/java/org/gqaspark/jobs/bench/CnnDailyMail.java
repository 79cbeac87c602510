package org.gqaspark.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reader of the CNN/DailyMail test set as the shared folder stores it: gzip JSON lines with
 * id, article and highlights, lower-cased and tokenized, highlight sentences separated by
 * newlines. Each article becomes a (hypothesis, reference) pair whose hypothesis is the
 * article's lead sentence.
 */
final class CnnDailyMail {

  /** One article's lead sentence and its reference highlights. */
  record Pair(String hypothesis, String reference) {}

  private CnnDailyMail() {}

  /** Reads up to {@code limit} records (all when limit is 0 or less). */
  static List<Pair> read(Path file, int limit) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Pair> pairs = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null && (limit <= 0 || pairs.size() < limit)) {
        JsonNode record = json.readTree(line);
        pairs.add(new Pair(leadSentence(record.get("article").asText()),
            record.get("highlights").asText()));
      }
    }
    return pairs;
  }

  /**
   * Returns the tokens up to and including the first "." , "!" or "?" token (the articles are
   * tokenized, so sentence ends are separate tokens), or the whole article without one.
   */
  static String leadSentence(String article) {
    String[] tokens = article.split(" ");
    StringBuilder sentence = new StringBuilder();
    for (String token : tokens) {
      if (sentence.length() > 0) {
        sentence.append(' ');
      }
      sentence.append(token);
      if (token.equals(".") || token.equals("!") || token.equals("?")) {
        break;
      }
    }
    return sentence.toString();
  }
}
