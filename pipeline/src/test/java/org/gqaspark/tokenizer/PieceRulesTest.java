package org.gqaspark.tokenizer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which substrings may become pieces. */
class PieceRulesTest {

  private final PieceRules rules = new PieceRules(UnigramTrainerOptions.defaults(1000));

  @Test
  void spaceMarkerOnlyFirst() {
    assertTrue(valid("\u2581the"));
    assertTrue(valid("\u2581"));
    assertFalse(valid("the\u2581"));
    assertFalse(valid("a\u2581b"));
  }

  @Test
  void scriptsDoNotMix() {
    assertTrue(valid("abc"));
    assertFalse(valid("a\u0431"));
    assertTrue(valid("\u3072\u3089\u30ab\u6f22"));
    assertTrue(valid("e\u0301t\u00e9"));
    assertTrue(valid(".,"));
    assertFalse(valid("a."));
  }

  @Test
  void digitsStayApartFromLetters() {
    assertTrue(valid("2023"));
    assertFalse(valid("a1"));
    PieceRules joined = new PieceRules(new UnigramTrainerOptions(1000, 0.9995f, 16, 100, 0.75f,
        2, 4192, 0, true, false, false, true, 1, ""));
    assertTrue(joined.isValid("a1".codePoints().toArray(), 0, 2));
  }

  @Test
  void splitDigitsAllowsSingleDigits() {
    PieceRules split = new PieceRules(UnigramTrainerOptions.defaults(1000).withSplitDigits(true));
    assertTrue(split.isValid("7".codePoints().toArray(), 0, 1));
    assertFalse(split.isValid("12".codePoints().toArray(), 0, 2));
  }

  @Test
  void lengthLimitCountsCharacters() {
    assertTrue(valid("a".repeat(16)));
    assertFalse(valid("a".repeat(17)));
    assertTrue(valid("\u00e9".repeat(16)));
  }

  @Test
  void markersAndControlsInvalid() {
    assertFalse(valid("a\u2585"));
    assertFalse(valid("a\tb"));
    assertFalse(valid("a b"));
    assertFalse(valid("a\u0000"));
  }

  private boolean valid(String piece) {
    int[] codePoints = piece.codePoints().toArray();
    return rules.isValid(codePoints, 0, codePoints.length);
  }
}
