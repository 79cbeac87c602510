package org.gqaspark.metrics;

import java.util.Map;

/**
 * The Porter stemmer (Porter, 1980, "An algorithm for suffix stripping") as NLTK 3.8's
 * {@code PorterStemmer} computes it in its default {@code NLTK_EXTENSIONS} mode, which
 * rouge-score 0.1.2 uses. The extensions over the published algorithm:
 * <ul>
 *   <li>a table of irregular forms (sky, skies, dying, lying, tying, news, innings, ...) that
 *       bypasses the rules;</li>
 *   <li>words of one or two letters are returned unchanged;</li>
 *   <li>step 1a: "ies" becomes "ie" in four-letter words (ties, dies); step 1b: "ied" becomes
 *       "ie" in four-letter words and "i" otherwise;</li>
 *   <li>step 1c: y becomes i only after a consonant that is not the first letter;</li>
 *   <li>step 2: "alli" is reduced to "al" and step 2 runs again; "bli" to "ble" replaces
 *       "abli" to "able"; "fulli" to "ful"; "logi" to "log" with the measure taken on the stem
 *       plus "l";</li>
 *   <li>the cvc test also accepts a two-letter vowel-consonant word.</li>
 * </ul>
 * Input must be lower case, as rouge-score's tokenizer guarantees. Instances are stateless.
 */
public final class PorterStemmer {

  private static final Map<String, String> IRREGULAR_FORMS = Map.ofEntries(
      Map.entry("sky", "sky"), Map.entry("skies", "sky"), Map.entry("dying", "die"),
      Map.entry("lying", "lie"), Map.entry("tying", "tie"), Map.entry("news", "news"),
      Map.entry("innings", "inning"), Map.entry("inning", "inning"),
      Map.entry("outings", "outing"), Map.entry("outing", "outing"),
      Map.entry("cannings", "canning"), Map.entry("canning", "canning"),
      Map.entry("howe", "howe"), Map.entry("proceed", "proceed"), Map.entry("exceed", "exceed"),
      Map.entry("succeed", "succeed"));

  /** Returns the stem of a lower-case word. */
  public String stem(String word) {
    String irregular = IRREGULAR_FORMS.get(word);
    if (irregular != null) {
      return irregular;
    }
    if (word.length() <= 2) {
      return word;
    }
    String stem = step1a(word);
    stem = step1b(stem);
    stem = step1c(stem);
    stem = step2(stem);
    stem = step3(stem);
    stem = step4(stem);
    stem = step5a(stem);
    return step5b(stem);
  }

  // Conditions on the word: consonants, the measure m (the number of vowel-consonant runs),
  // vowels, double consonants and the consonant-vowel-consonant ending.

  private static boolean isConsonant(CharSequence word, int i) {
    char c = word.charAt(i);
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
      return false;
    }
    if (c == 'y') {
      return i == 0 || !isConsonant(word, i - 1);
    }
    return true;
  }

  /** Returns m, the number of times a vowel run is followed by a consonant run. */
  private static int measure(CharSequence stem) {
    int count = 0;
    boolean previousVowel = false;
    for (int i = 0; i < stem.length(); i++) {
      boolean consonant = isConsonant(stem, i);
      if (consonant && previousVowel) {
        count++;
      }
      previousVowel = !consonant;
    }
    return count;
  }

  private static boolean containsVowel(CharSequence stem) {
    for (int i = 0; i < stem.length(); i++) {
      if (!isConsonant(stem, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsDoubleConsonant(String word) {
    int n = word.length();
    return n >= 2 && word.charAt(n - 1) == word.charAt(n - 2) && isConsonant(word, n - 1);
  }

  private static boolean endsCvc(String word) {
    int n = word.length();
    if (n >= 3) {
      char last = word.charAt(n - 1);
      return isConsonant(word, n - 3) && !isConsonant(word, n - 2) && isConsonant(word, n - 1)
          && last != 'w' && last != 'x' && last != 'y';
    }
    return n == 2 && !isConsonant(word, 0) && isConsonant(word, 1);
  }

  private static String dropSuffix(String word, String suffix) {
    return word.substring(0, word.length() - suffix.length());
  }

  /**
   * Applies the first rule whose suffix ends the word. The suffix is replaced when the rule's
   * condition is true of the stem, and no later rule is tried either way. A rule is a triple
   * of suffix, replacement and condition ("m>0" or "m>1").
   */
  private static String applyFirstRule(String word, String[][] rules) {
    for (String[] rule : rules) {
      String suffix = rule[0];
      if (word.endsWith(suffix)) {
        String stem = dropSuffix(word, suffix);
        return holds(rule[2], stem) ? stem + rule[1] : word;
      }
    }
    return word;
  }

  private static boolean holds(String condition, String stem) {
    switch (condition) {
      case "m>0":
        return measure(stem) > 0;
      case "m>1":
        return measure(stem) > 1;
      default:
        throw new AssertionError(condition);
    }
  }

  private static final String[][] STEP2_RULES = {
      {"ational", "ate", "m>0"}, {"tional", "tion", "m>0"}, {"enci", "ence", "m>0"},
      {"anci", "ance", "m>0"}, {"izer", "ize", "m>0"}, {"bli", "ble", "m>0"},
      {"alli", "al", "m>0"}, {"entli", "ent", "m>0"}, {"eli", "e", "m>0"},
      {"ousli", "ous", "m>0"}, {"ization", "ize", "m>0"}, {"ation", "ate", "m>0"},
      {"ator", "ate", "m>0"}, {"alism", "al", "m>0"}, {"iveness", "ive", "m>0"},
      {"fulness", "ful", "m>0"}, {"ousness", "ous", "m>0"}, {"aliti", "al", "m>0"},
      {"iviti", "ive", "m>0"}, {"biliti", "ble", "m>0"}, {"fulli", "ful", "m>0"},
  };

  private static final String[][] STEP3_RULES = {
      {"icate", "ic", "m>0"}, {"ative", "", "m>0"}, {"alize", "al", "m>0"},
      {"iciti", "ic", "m>0"}, {"ical", "ic", "m>0"}, {"ful", "", "m>0"}, {"ness", "", "m>0"},
  };

  /** Step 4 without "ion", whose condition also needs s or t before it. */
  private static final String[][] STEP4_RULES = {
      {"al", "", "m>1"}, {"ance", "", "m>1"}, {"ence", "", "m>1"}, {"er", "", "m>1"},
      {"ic", "", "m>1"}, {"able", "", "m>1"}, {"ible", "", "m>1"}, {"ant", "", "m>1"},
      {"ement", "", "m>1"}, {"ment", "", "m>1"}, {"ent", "", "m>1"}, {"ion", "", "ion"},
      {"ou", "", "m>1"}, {"ism", "", "m>1"}, {"ate", "", "m>1"}, {"iti", "", "m>1"},
      {"ous", "", "m>1"}, {"ive", "", "m>1"}, {"ize", "", "m>1"},
  };

  /** Plurals: sses to ss, ies to i (ie in four-letter words), ss kept, s dropped. */
  private static String step1a(String word) {
    if (word.endsWith("ies") && word.length() == 4) {
      return dropSuffix(word, "ies") + "ie";
    }
    if (word.endsWith("sses")) {
      return dropSuffix(word, "sses") + "ss";
    }
    if (word.endsWith("ies")) {
      return dropSuffix(word, "ies") + "i";
    }
    if (word.endsWith("ss")) {
      return word;
    }
    if (word.endsWith("s")) {
      return dropSuffix(word, "s");
    }
    return word;
  }

  /** Past tense and gerunds: eed, ed, ing, then the fix-ups of the trimmed stem. */
  private static String step1b(String word) {
    if (word.endsWith("ied")) {
      return dropSuffix(word, "ied") + (word.length() == 4 ? "ie" : "i");
    }
    if (word.endsWith("eed")) {
      String stem = dropSuffix(word, "eed");
      return measure(stem) > 0 ? stem + "ee" : word;
    }

    String stem = null;
    if (word.endsWith("ed") && containsVowel(dropSuffix(word, "ed"))) {
      stem = dropSuffix(word, "ed");
    } else if (word.endsWith("ing") && containsVowel(dropSuffix(word, "ing"))) {
      stem = dropSuffix(word, "ing");
    }
    if (stem == null) {
      return word;
    }

    if (stem.endsWith("at") || stem.endsWith("bl") || stem.endsWith("iz")) {
      return stem + "e";
    }
    if (endsDoubleConsonant(stem)) {
      char last = stem.charAt(stem.length() - 1);
      return last == 'l' || last == 's' || last == 'z' ? stem : stem.substring(0, stem.length() - 1);
    }
    return measure(stem) == 1 && endsCvc(stem) ? stem + "e" : stem;
  }

  /** Terminal y to i after a consonant that is not the word's first letter. */
  private static String step1c(String word) {
    if (word.endsWith("y")) {
      String stem = dropSuffix(word, "y");
      if (stem.length() > 1 && isConsonant(stem, stem.length() - 1)) {
        return stem + "i";
      }
    }
    return word;
  }

  /** Double suffixes to single ones, e.g. ization to ize. */
  private static String step2(String word) {
    if (word.endsWith("alli") && measure(dropSuffix(word, "alli")) > 0) {
      return step2(dropSuffix(word, "alli") + "al");
    }
    if (word.endsWith("logi")) {
      // The measure is taken on the stem plus "l", so short stems like geo and theo qualify.
      return measure(dropSuffix(word, "ogi")) > 0 ? dropSuffix(word, "ogi") + "og" : word;
    }
    return applyFirstRule(word, STEP2_RULES);
  }

  /** -ic-, -full, -ness and similar. */
  private static String step3(String word) {
    return applyFirstRule(word, STEP3_RULES);
  }

  /** Removes a final suffix when m > 1. */
  private static String step4(String word) {
    for (String[] rule : STEP4_RULES) {
      String suffix = rule[0];
      if (word.endsWith(suffix)) {
        String stem = dropSuffix(word, suffix);
        boolean condition = rule[2].equals("ion")
            ? measure(stem) > 1 && (stem.endsWith("s") || stem.endsWith("t"))
            : measure(stem) > 1;
        return condition ? stem : word;
      }
    }
    return word;
  }

  /** Removes a final e when m > 1, or when m = 1 and the stem does not end in cvc. */
  private static String step5a(String word) {
    if (word.endsWith("e")) {
      String stem = dropSuffix(word, "e");
      int m = measure(stem);
      if (m > 1 || (m == 1 && !endsCvc(stem))) {
        return stem;
      }
    }
    return word;
  }

  /** ll to l when m > 1. */
  private static String step5b(String word) {
    if (word.endsWith("ll") && measure(dropSuffix(word, "l")) > 1) {
      return dropSuffix(word, "l");
    }
    return word;
  }
}
