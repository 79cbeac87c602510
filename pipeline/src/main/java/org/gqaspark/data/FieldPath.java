package org.gqaspark.data;

import java.io.Serializable;
import java.util.List;

/**
 * A field of a JSON record, as a path of object keys and list indexes: {@code "article"},
 * {@code "meta.summary.text"} for nested objects, {@code "target.0"} for the first element of
 * a list. Keys that contain a dot cannot be addressed.
 */
public record FieldPath(List<String> keys) implements Serializable {

  public FieldPath {
    keys = List.copyOf(keys);
    if (keys.isEmpty() || keys.stream().anyMatch(String::isEmpty)) {
      throw DataErrors.invalidSetting(null, "field", String.join(".", keys),
          "one or more non-empty keys separated by dots");
    }
  }

  /** Parses a dotted path such as {@code "meta.summary"}. */
  public static FieldPath parse(String dotted) {
    if (dotted == null || dotted.isEmpty()) {
      throw DataErrors.invalidSetting(null, "field", dotted,
          "one or more non-empty keys separated by dots");
    }
    return new FieldPath(List.of(dotted.split("\\.", -1)));
  }

  /** Returns whether a path key is a list index: 1 to 9 decimal digits. */
  static boolean isIndex(String key) {
    return key.length() <= 9 && key.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  @Override
  public String toString() {
    return String.join(".", keys);
  }
}
