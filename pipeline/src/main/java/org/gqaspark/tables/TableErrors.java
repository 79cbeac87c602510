package org.gqaspark.tables;

/** Builds every exception of the tables package, each with the table, the value and a fix. */
public final class TableErrors {

  private TableErrors() {}

  /** A table schema file that is missing or invalid, which is a packaging or editing error. */
  public static final class SchemaDefinitionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    SchemaDefinitionException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** An existing table, or rows to write, whose columns differ from the declared schema. */
  public static final class SchemaMismatchException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    SchemaMismatchException(String message) {
      super(message);
    }
  }

  /** Returns the error for a table whose schema resource is not on the classpath. */
  public static SchemaDefinitionException schemaNotFound(String table, String resource) {
    return new SchemaDefinitionException("Table schema " + table + " not found: resource "
        + resource + " is missing. Add data-schemas/" + table + ".json and rebuild.", null);
  }

  /** Returns the error for a schema file that breaks the format of data-schemas/README.md. */
  public static SchemaDefinitionException invalidSchema(String table, String problem,
      Throwable cause) {
    return new SchemaDefinitionException("Invalid schema file data-schemas/" + table + ".json: "
        + problem, cause);
  }

  /** Returns the error for an existing table whose columns differ from the declared ones. */
  public static SchemaMismatchException tableMismatch(
      String table, String path, String expected, String actual) {
    return new SchemaMismatchException("Delta table " + table + " at " + path + " has columns "
        + actual + " but this version writes " + expected + ". Migrate the table or point the"
        + " job at another tables root.");
  }

  /** Returns the error for rows whose columns differ from the declared schema (a writer bug). */
  public static SchemaMismatchException rowsMismatch(String table, String expected, String actual) {
    return new SchemaMismatchException("Rows for table " + table + " have columns " + actual
        + " but the table schema declares " + expected + ".");
  }

  /** Returns the error for a run id that cannot key table rows. */
  public static IllegalArgumentException invalidRunId(String runId) {
    return new IllegalArgumentException("Invalid run id: must be 1 to 128 letters, digits, dots,"
        + " colons, hyphens or underscores, starting with a letter or digit, but got \"" + runId
        + "\".");
  }

  /** Returns the error for a slice with no column values, which would match every row. */
  public static IllegalArgumentException emptySlice() {
    return new IllegalArgumentException("A row slice needs at least one column value; an empty"
        + " slice would replace every row of the table.");
  }

  /** Returns the error for a slice value of a type that has no SQL literal here. */
  public static IllegalArgumentException unsupportedSliceValue(String column, Object value) {
    return new IllegalArgumentException("Slice column " + column + " must be a string, integer or"
        + " boolean but got " + (value == null ? "null" : value.getClass().getName()) + ".");
  }

  /** Returns the error for a runs-table row without one of its required values. */
  public static IllegalArgumentException incompleteRunRecord(RunId runId, String phase) {
    return new IllegalArgumentException("A row of the runs table needs a run id, a phase, a code"
        + " version, a start time and a status, but got run " + runId + " of phase " + phase
        + " with one of them missing.");
  }
}
