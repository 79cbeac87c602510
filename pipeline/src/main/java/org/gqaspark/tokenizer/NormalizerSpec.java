package org.gqaspark.tokenizer;

import java.io.Serializable;

/**
 * The {@code normalizer_spec} (or {@code denormalizer_spec}) of a SentencePiece model: the
 * precompiled character map and the whitespace rules. Field numbers and defaults follow
 * {@code sentencepiece_model.proto} (sentencepiece 0.1.97); unknown fields are kept.
 */
public final class NormalizerSpec implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Name of a normaliser without a character map: only the whitespace rules apply. */
  public static final String IDENTITY = "identity";

  static final int NAME = 1;
  static final int PRECOMPILED_CHARSMAP = 2;
  static final int ADD_DUMMY_PREFIX = 3;
  static final int REMOVE_EXTRA_WHITESPACES = 4;
  static final int ESCAPE_WHITESPACES = 5;
  static final int NORMALIZATION_RULE_TSV = 6;

  static final NormalizerSpec EMPTY = new NormalizerSpec(ProtoFields.EMPTY);

  private final ProtoFields fields;

  NormalizerSpec(ProtoFields fields) {
    this.fields = fields;
  }

  /**
   * Returns a spec with the given name and character map and the library's default whitespace
   * rules (dummy prefix, extra whitespace removed, spaces escaped as U+2581). An empty map
   * means no character normalisation.
   */
  public static NormalizerSpec of(String name, byte[] precompiledCharsmap) {
    ProtoFields fields = ProtoFields.EMPTY.withString(NAME, name);
    if (precompiledCharsmap.length > 0) {
      fields = fields.withBytes(PRECOMPILED_CHARSMAP, precompiledCharsmap);
    }
    return new NormalizerSpec(fields);
  }

  ProtoFields fields() {
    return fields;
  }

  public String name() {
    return fields.string(NAME, "");
  }

  /** Returns the darts-clone trie and replacement strings, or an empty array when absent. */
  public byte[] precompiledCharsmap() {
    byte[] charsmap = fields.bytes(PRECOMPILED_CHARSMAP);
    return charsmap == null ? new byte[0] : charsmap;
  }

  public boolean addDummyPrefix() {
    return fields.bool(ADD_DUMMY_PREFIX, true);
  }

  public boolean removeExtraWhitespaces() {
    return fields.bool(REMOVE_EXTRA_WHITESPACES, true);
  }

  public boolean escapeWhitespaces() {
    return fields.bool(ESCAPE_WHITESPACES, true);
  }

  public NormalizerSpec withAddDummyPrefix(boolean value) {
    return new NormalizerSpec(fields.withBool(ADD_DUMMY_PREFIX, value));
  }

  public NormalizerSpec withRemoveExtraWhitespaces(boolean value) {
    return new NormalizerSpec(fields.withBool(REMOVE_EXTRA_WHITESPACES, value));
  }

  public NormalizerSpec withEscapeWhitespaces(boolean value) {
    return new NormalizerSpec(fields.withBool(ESCAPE_WHITESPACES, value));
  }
}
