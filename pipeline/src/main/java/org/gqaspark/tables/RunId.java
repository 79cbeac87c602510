package org.gqaspark.tables;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * The id of one run of a job, the key that makes writes idempotent: running a job again with
 * the same run id replaces the rows that the earlier attempt wrote.
 */
public record RunId(String value) implements Serializable {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  public RunId {
    if (value == null || !VALID.matcher(value).matches()) {
      throw TableErrors.invalidRunId(value);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
