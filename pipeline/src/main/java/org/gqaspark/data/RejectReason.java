package org.gqaspark.data;

/**
 * The reason a corpus record was rejected. The {@code name()} of each constant is the code
 * stored in the rejects table's {@code reason} column, so renaming one breaks readers of old
 * rows.
 */
public enum RejectReason {
  /** The line is not one JSON object: a syntax error, trailing text or a duplicate key. */
  MALFORMED_JSON("the line is not a single JSON object"),
  /** A configured field or column is absent, null or (for ids) empty. */
  MISSING_FIELD("a configured field or column is absent or null"),
  /** A field is neither a string nor a list of strings (ids: nor an integer). */
  WRONG_FIELD_TYPE("a field is neither a string nor a list of strings"),
  /** The source or target text is empty or only whitespace. */
  EMPTY_TEXT("the source or target text is empty or whitespace only"),
  /** The line's bytes are not valid UTF-8. */
  INVALID_UTF8("the line is not valid UTF-8"),
  /** A line of one file of a text pair has no line at the same number in the other file. */
  MISALIGNED_PAIR("the two files of a text pair have different line counts"),
  /** The line is longer than the configured maximum number of bytes. */
  LINE_TOO_LONG("the line is longer than the maximum line size in bytes"),
  /** The input or target has more tokens than its maximum and the policy is to reject. */
  TOO_MANY_TOKENS("the input or target is longer than its maximum in tokens"),
  /** Another record of the same dataset and split has the same example id. */
  DUPLICATE_ID("another record of the dataset and split has the same example id");

  private final String description;

  RejectReason(String description) {
    this.description = description;
  }

  /** Returns a one-line description of the reason, for summaries and documentation. */
  public String description() {
    return description;
  }
}
