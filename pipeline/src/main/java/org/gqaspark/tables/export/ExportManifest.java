package org.gqaspark.tables.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * The contents of {@code manifest.json}, which an export writes last: where the tables came
 * from, which Delta version of each was read, and how the CSV files are encoded.
 *
 * @param tablesRoot the tables root that was read
 * @param exportedAt when the export finished
 * @param runPrefix the run-id prefix that rows were filtered on, or null for all rows
 * @param tables the exported tables, in the order requested
 * @param missingTables requested tables that do not exist under the root (no CSV written)
 */
public record ExportManifest(String tablesRoot, Instant exportedAt, String runPrefix,
    List<ExportedTable> tables, List<String> missingTables) {

  /** The file name of the manifest inside the output folder. */
  public static final String FILE_NAME = "manifest.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  public ExportManifest {
    tables = List.copyOf(tables);
    missingTables = List.copyOf(missingTables);
  }

  /** Returns the manifest as indented JSON with snake_case keys. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("tables_root", tablesRoot);
    root.put("exported_at", exportedAt.toString());
    root.put("run_prefix", runPrefix);

    ObjectNode format = root.putObject("format");
    format.put("standard", "RFC 4180");
    format.put("encoding", "UTF-8");
    format.put("header", true);
    format.put("record_end", "\r\n");
    format.put("null", "empty unquoted field; an empty string is written as \"\"");
    format.put("timestamp", "ISO 8601 instant in UTC");
    format.put("nested", "arrays, maps and structs as JSON text");

    ArrayNode written = root.putArray("tables");
    for (ExportedTable table : tables) {
      ObjectNode entry = written.addObject();
      entry.put("table", table.table());
      entry.put("file", table.file());
      entry.put("delta_version", table.deltaVersion());
      entry.put("rows", table.rows());
      ArrayNode columns = entry.putArray("columns");
      for (ExportedTable.Column column : table.columns()) {
        columns.addObject().put("name", column.name()).put("type", column.type());
      }
    }
    ArrayNode missing = root.putArray("missing_tables");
    missingTables.forEach(missing::add);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not render the export manifest as JSON", e);
    }
  }
}
