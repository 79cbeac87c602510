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

  /**
   * Returns the folder of a table: {@code ROOT/NAME}. A relative root without a URI scheme is
   * resolved against the working folder, because Delta Lake 4.4 rejects a relative location
   * when it creates a table ("`delta/examples` is not a valid name for tables").
   */
  public String path(TableSchema table) {
    boolean hasScheme = root.matches("[A-Za-z][A-Za-z0-9+.-]*:.*");
    String base = hasScheme ? root : java.nio.file.Path.of(root).toAbsolutePath().toString();
    return base + "/" + table.name();
  }
}
