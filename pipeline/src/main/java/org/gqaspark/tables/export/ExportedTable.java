package org.gqaspark.tables.export;

import java.util.List;

/**
 * One table written by {@link TableExport}: an entry of {@code manifest.json}.
 *
 * @param table the table name
 * @param file the CSV file name inside the output folder
 * @param deltaVersion the Delta table version that was read
 * @param rows the data rows written (the header not counted)
 * @param columns the columns in file order, with their Spark SQL types
 */
public record ExportedTable(String table, String file, long deltaVersion, long rows,
    List<Column> columns) {

  /** A column of the CSV file and its Spark SQL type, such as {@code map<string,double>}. */
  public record Column(String name, String type) {}

  public ExportedTable {
    columns = List.copyOf(columns);
  }
}
