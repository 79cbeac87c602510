package org.gqaspark.tables.export;

import java.util.List;
import org.apache.spark.sql.types.DataType;

/** Builds every exception of the export package, each with the value and a fix. */
public final class ExportErrors {

  private ExportErrors() {}

  /** Returns the error for a table name that the export does not know. */
  public static IllegalArgumentException unknownTable(String table, List<String> known) {
    return new IllegalArgumentException("Unknown table \"" + table + "\" in the tables list:"
        + " choose from " + String.join(", ", known) + ".");
  }

  /** Returns the error for an export that would write no table at all. */
  public static IllegalArgumentException noTables() {
    return new IllegalArgumentException("The tables list is empty: name at least one table,"
        + " such as runs,metrics.");
  }

  /** Returns the error for a run-id prefix that matches no valid run id. */
  public static IllegalArgumentException invalidRunPrefix(String prefix) {
    return new IllegalArgumentException("Invalid run prefix \"" + prefix + "\": use letters,"
        + " digits, dots, colons, hyphens or underscores, as in run ids.");
  }

  /** Returns the error for a nested value that Jackson could not write as JSON. */
  static IllegalStateException unwritableValue(DataType type, Exception cause) {
    return new IllegalStateException("Could not write a value of type " + type.simpleString()
        + " as JSON: " + cause.getMessage(), cause);
  }

  /** Returns the error for a value whose Java class does not match its Spark type. */
  static IllegalStateException unexpectedValue(Object value, String expected) {
    return new IllegalStateException("Expected " + expected + " from Spark but got a "
        + value.getClass().getName() + "; the export does not support this column type.");
  }
}
