package org.gqaspark.conversion;

import org.gqaspark.model.AttentionKind;

/** Builds every exception of the conversion package, each with the values and a fix. */
public final class ConversionErrors {

  private ConversionErrors() {}

  static IllegalArgumentException groupsNotDividingHeads(int heads, int groups) {
    return new IllegalArgumentException("Cannot convert to " + groups + " key/value heads: G = "
        + groups + " must divide the number of query heads H = " + heads + " so that every"
        + " group has the same number of heads. Choose a divisor of " + heads + ".");
  }

  static IllegalArgumentException groupsNotDividingSource(AttentionKind kind, int heads,
      int sourceHeads, int groups) {
    return new IllegalArgumentException("Cannot convert " + kind.jsonName() + " attention to "
        + groups + " key/value heads: the checkpoint already has " + sourceHeads + " key/value"
        + " heads there (H = " + heads + "), and only groups of whole existing heads can be"
        + " pooled, so G = " + groups + " must divide " + sourceHeads + ". Choose a divisor of "
        + sourceHeads + ", or convert the multi-head checkpoint instead.");
  }

  static IllegalArgumentException groupedKindLeftOut(AttentionKind kind, int sourceHeads,
      int heads) {
    return new IllegalArgumentException("Cannot leave " + kind.jsonName() + " attention out of"
        + " the conversion: the checkpoint already groups it into " + sourceHeads + " key/value"
        + " heads (H = " + heads + "), and one config has one num_key_value_heads for every"
        + " grouped kind. Include " + kind.jsonName() + " in the attention kinds.");
  }

  static IllegalArgumentException unknownMethod(String name) {
    return new IllegalArgumentException("Unknown conversion method \"" + name + "\": use mean,"
        + " first or random.");
  }

  static IllegalArgumentException invalidOption(String name, Object value, String requirement) {
    return new IllegalArgumentException("Invalid conversion option: " + name + " must be "
        + requirement + " but got " + value + ".");
  }
}
