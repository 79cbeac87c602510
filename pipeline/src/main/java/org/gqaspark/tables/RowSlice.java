package org.gqaspark.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a table that one job run owns, such as {@code run_id = 'r1' AND dataset =
 * 'cnn' AND split = 'test'}, or several such conjunctions joined by OR. A writer replaces
 * exactly these rows, which is what makes re-running a run idempotent.
 */
public final class RowSlice {

  private final List<Map<String, Object>> alternatives;

  private RowSlice(List<Map<String, Object>> alternatives) {
    this.alternatives = alternatives;
  }

  /** Returns the slice of rows whose columns equal all the given values. */
  public static RowSlice where(Map<String, ?> values) {
    return new RowSlice(List.of(checked(values)));
  }

  /** Returns a slice that also contains the rows whose columns equal the given values. */
  public RowSlice or(Map<String, ?> values) {
    List<Map<String, Object>> all = new ArrayList<>(alternatives);
    all.add(checked(values));
    return new RowSlice(List.copyOf(all));
  }

  /** Returns the slice as a Spark SQL predicate over unqualified column names. */
  public String sql() {
    return sql("");
  }

  /** Returns the slice as a Spark SQL predicate with column names prefixed by a qualifier. */
  public String sql(String qualifier) {
    List<String> disjuncts = new ArrayList<>();
    for (Map<String, Object> values : alternatives) {
      List<String> conjuncts = new ArrayList<>();
      for (Map.Entry<String, Object> entry : values.entrySet()) {
        conjuncts.add(qualifier + "`" + entry.getKey() + "` = " + literal(entry.getValue()));
      }
      disjuncts.add("(" + String.join(" AND ", conjuncts) + ")");
    }
    return String.join(" OR ", disjuncts);
  }

  @Override
  public String toString() {
    return sql();
  }

  private static Map<String, Object> checked(Map<String, ?> values) {
    if (values.isEmpty()) {
      throw TableErrors.emptySlice();
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ?> entry : values.entrySet()) {
      Object value = entry.getValue();
      boolean supported = value instanceof String || value instanceof Integer
          || value instanceof Long || value instanceof Boolean || value instanceof RunId;
      if (!supported) {
        throw TableErrors.unsupportedSliceValue(entry.getKey(), value);
      }
      copy.put(entry.getKey(), value instanceof RunId id ? id.value() : value);
    }
    return copy;
  }

  private static String literal(Object value) {
    if (value instanceof String text) {
      // Spark SQL string literals take backslash escapes.
      return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
    return value.toString();
  }
}
