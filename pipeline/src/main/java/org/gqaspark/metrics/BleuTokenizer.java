package org.gqaspark.metrics;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The tokenizers of sacreBLEU 2.6.0 that BLEU supports, each named by sacreBLEU's signature
 * value. Every tokenizer returns a string whose {@link PythonText#split} pieces are the tokens.
 */
public enum BleuTokenizer {
  /** mteval-v13a, the WMT standard and sacreBLEU's default. */
  THIRTEEN_A("13a"),
  /** mteval-v14 international: splits Unicode punctuation and symbols. */
  INTL("intl"),
  /** Chinese: spaces around CJK characters, then the 13a punctuation rules. */
  ZH("zh"),
  /** Every character is a token. */
  CHAR("char"),
  /** No tokenization: split on whitespace only. */
  NONE("none");

  // NOTE: \p{P}, \p{S} and \p{N} follow the JDK's Unicode tables (Unicode 13 in Java 17), while
  // sacreBLEU's "regex" module follows a later Unicode version, so intl tokenizes the 56
  // punctuation marks and symbols added in Unicode 14 and later differently (checked over
  // the BMP against sacreBLEU 2.6.0 with regex 2022.10.31).
  /** Unicode punctuation after a character that is not a number. */
  private static final Pattern PUNCTUATION_AFTER_NON_NUMBER = Pattern.compile("(\\P{N})(\\p{P})");
  /** Unicode punctuation before a character that is not a number. */
  private static final Pattern PUNCTUATION_BEFORE_NON_NUMBER = Pattern.compile("(\\p{P})(\\P{N})");
  /** A Unicode symbol: math, currency, modifier or other. */
  private static final Pattern SYMBOL = Pattern.compile("(\\p{S})");

  private final String signatureName;

  BleuTokenizer(String signatureName) {
    this.signatureName = signatureName;
  }

  /** Returns the name that sacreBLEU writes in the {@code tok:} field of a signature. */
  public String signatureName() {
    return signatureName;
  }

  /** Returns the tokenizer with this signature name, for example "13a". */
  public static BleuTokenizer fromName(String name) {
    for (BleuTokenizer tokenizer : values()) {
      if (tokenizer.signatureName.equals(name)) {
        return tokenizer;
      }
    }
    String choices = Arrays.stream(values()).map(BleuTokenizer::signatureName)
        .collect(Collectors.joining(", "));
    throw MetricErrors.invalidOption("tokenize", name, "one of " + choices);
  }

  /** Tokenizes one segment; the caller has already lower-cased and right-stripped it. */
  public String tokenize(String line) {
    switch (this) {
      case THIRTEEN_A:
        return MtevalTokenizer.tokenize13a(line);
      case INTL:
        return tokenizeInternational(line);
      case ZH:
        return tokenizeChinese(line);
      case CHAR:
        return line.codePoints().mapToObj(Character::toString).collect(Collectors.joining(" "));
      case NONE:
        return line;
      default:
        throw new AssertionError(this);
    }
  }

  private static String tokenizeInternational(String line) {
    String text = PUNCTUATION_AFTER_NON_NUMBER.matcher(line).replaceAll("$1 $2 ");
    text = PUNCTUATION_BEFORE_NON_NUMBER.matcher(text).replaceAll(" $1 $2");
    text = SYMBOL.matcher(text).replaceAll(" $1 ");
    return String.join(" ", PythonText.split(text));
  }

  private static String tokenizeChinese(String line) {
    String stripped = PythonText.strip(line);
    StringBuilder spaced = new StringBuilder(stripped.length() * 2);
    stripped.codePoints().forEach(codePoint -> {
      if (ChineseCharacters.contains(codePoint)) {
        spaced.append(' ').appendCodePoint(codePoint).append(' ');
      } else {
        spaced.appendCodePoint(codePoint);
      }
    });
    return MtevalTokenizer.splitPunctuation(spaced.toString());
  }
}
