package org.gqaspark.tables;

/**
 * The locations of a job's Delta tables: one folder per table under a root, such as {@code delta}
 * (local) or {@code s3a://bucket/gqa}.
 */
public record TableLocations(String root) {

  public TableLocations {
    if (root == null || root.isBlank()) {
      throw new IllegalArgumentException("The tables root must be a folder path or URI but got \""
          + root + "\".");
    }
    while (root.length() > 1 && root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
  }

  /** Returns the folder of a table: {@code ROOT/NAME}. */
  public String path(TableSchema table) {
    return root + "/" + table.name();
  }
}
