package org.gqaspark.metrics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * rouge-score 0.1.2's default tokenizer: lower-case, every run of characters outside
 * [a-z0-9] becomes a space, split on spaces, optionally Porter-stem the tokens longer than
 * three characters, and keep the non-empty tokens. Letters outside ASCII are separators, so
 * "café" gives "caf" and "straße" gives "stra" and "e".
 */
public final class RougeTokenizer implements Serializable {

  private static final long serialVersionUID = 1L;

  /** rouge-score stems only tokens longer than this. */
  private static final int MAX_UNSTEMMED_LENGTH = 3;

  private final boolean useStemmer;
  private transient PorterStemmer stemmer;

  public RougeTokenizer(boolean useStemmer) {
    this.useStemmer = useStemmer;
  }

  public boolean usesStemmer() {
    return useStemmer;
  }

  /** Returns the tokens of a text. */
  public List<String> tokenize(String text) {
    String lower = PythonText.lower(text);
    List<String> tokens = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        token.append(c);
      } else if (token.length() > 0) {
        tokens.add(finish(token.toString()));
        token.setLength(0);
      }
    }
    if (token.length() > 0) {
      tokens.add(finish(token.toString()));
    }
    return tokens;
  }

  private String finish(String token) {
    if (!useStemmer || token.length() <= MAX_UNSTEMMED_LENGTH) {
      return token;
    }
    if (stemmer == null) {
      stemmer = new PorterStemmer();
    }
    return stemmer.stem(token);
  }
}
