package org.gqaspark.metrics;

import java.util.regex.Pattern;

/**
 * The mteval-v13a tokenization as sacreBLEU 2.6.0 applies it ({@code 13a}), and the regular
 * expression part that its {@code zh} tokenizer reuses.
 */
final class MtevalTokenizer {

  /** ASCII punctuation and symbols except the apostrophe, comma, hyphen and period; and space. */
  private static final Pattern SYMBOL = Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])");
  /** A period or comma after a character that is not a digit. */
  private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([\\.,])");
  /** A period or comma before a character that is not a digit. */
  private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([\\.,])([^0-9])");
  /** A hyphen after a digit. */
  private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

  private MtevalTokenizer() {}

  /** Tokenizes one segment with the 13a rules: markup clean-up, then {@link #splitPunctuation}. */
  static String tokenize13a(String line) {
    String text = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
    if (text.indexOf('&') >= 0) {
      text = text.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<")
          .replace("&gt;", ">");
    }
    return splitPunctuation(" " + text + " ");
  }

  /**
   * Applies the four substitutions in order, each left to right without overlap as Python's
   * {@code re.sub}, then collapses whitespace runs to one space and trims the ends.
   */
  static String splitPunctuation(String line) {
    String text = SYMBOL.matcher(line).replaceAll(" $1 ");
    text = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(text).replaceAll("$1 $2 ");
    text = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(text).replaceAll(" $1 $2");
    text = DASH_AFTER_DIGIT.matcher(text).replaceAll("$1 $2 ");
    return String.join(" ", PythonText.split(text));
  }
}
