package org.gqaspark.metrics;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ROUGE variant by rouge-score's name: "rouge1" .. "rouge9" (n-gram overlap), "rougeL"
 * (longest common subsequence of the whole texts) or "rougeLsum" (summary-level union LCS over
 * newline-separated sentences).
 *
 * @param name rouge-score's name
 * @param n the n-gram order of rougeN, 0 for the LCS variants
 */
public record RougeType(String name, int n) implements Serializable {

  public static final RougeType ROUGE_1 = new RougeType("rouge1", 1);
  public static final RougeType ROUGE_2 = new RougeType("rouge2", 2);
  public static final RougeType ROUGE_L = new RougeType("rougeL", 0);
  public static final RougeType ROUGE_LSUM = new RougeType("rougeLsum", 0);

  private static final Pattern NGRAM_TYPE = Pattern.compile("rouge([0-9])");

  /** Parses a name as rouge-score 0.1.2 accepts it; "rouge0", "rouge10" and "rougen" are invalid. */
  public static RougeType parse(String name) {
    if (ROUGE_L.name.equals(name)) {
      return ROUGE_L;
    }
    if (ROUGE_LSUM.name.equals(name)) {
      return ROUGE_LSUM;
    }
    Matcher matcher = NGRAM_TYPE.matcher(name == null ? "" : name);
    if (matcher.matches()) {
      int n = Integer.parseInt(matcher.group(1));
      if (n > 0) {
        return new RougeType(name, n);
      }
    }
    throw MetricErrors.invalidRougeType(name);
  }

  public boolean isNgram() {
    return n > 0;
  }

  @Override
  public String toString() {
    return name;
  }
}
