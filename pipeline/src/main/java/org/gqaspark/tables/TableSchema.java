package org.gqaspark.tables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The declared schema of a Delta table, read from {@code data-schemas/NAME.json} (packaged as a
 * resource), so the documentation and the code cannot drift apart. data-schemas/README.md
 * describes the file format.
 *
 * @param name the table name, also its folder under the tables root
 * @param description what one row is
 * @param columns the columns in table order
 * @param partitionColumns the Delta partition columns
 * @param keyColumns the columns that identify a row
 */
public record TableSchema(String name, String description, List<Column> columns,
    List<String> partitionColumns, List<String> keyColumns) {

  /** One column: name, Spark SQL type, nullability and meaning. */
  public record Column(String name, DataType type, boolean nullable, String description) {}

  /** The classpath folder of the schema files. */
  public static final String RESOURCE_FOLDER = "/org/gqaspark/tables/schemas/";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ConcurrentHashMap<String, TableSchema> LOADED = new ConcurrentHashMap<>();

  public TableSchema {
    columns = List.copyOf(columns);
    partitionColumns = List.copyOf(partitionColumns);
    keyColumns = List.copyOf(keyColumns);
  }

  /** Returns the schema of a table, loaded once per JVM from its resource. */
  public static TableSchema load(String name) {
    return LOADED.computeIfAbsent(name, TableSchema::read);
  }

  /** Returns the Spark schema, with each column's description as its comment. */
  public StructType structType() {
    List<StructField> fields = new ArrayList<>();
    for (Column column : columns) {
      Metadata comment = new MetadataBuilder().putString("comment", column.description()).build();
      fields.add(new StructField(column.name(), column.type(), column.nullable(), comment));
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  /** Returns the column names in table order. */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  private static TableSchema read(String name) {
    String resource = RESOURCE_FOLDER + name + ".json";
    JsonNode root;
    try (InputStream in = TableSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw TableErrors.schemaNotFound(name, resource);
      }
      root = JSON.readTree(in);
    } catch (IOException e) {
      throw TableErrors.invalidSchema(name, "not valid JSON (" + e.getMessage() + ")", e);
    }
    return parse(name, root);
  }

  /** Parses and checks a schema document; {@code name} must equal its "name" field. */
  static TableSchema parse(String name, JsonNode root) {
    String declared = text(name, root, "name", "the document");
    if (!name.equals(declared)) {
      throw TableErrors.invalidSchema(name, "\"name\" must be \"" + name + "\" but got \""
          + declared + "\"", null);
    }
    List<Column> columns = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode node : array(name, root, "columns")) {
      String column = text(name, node, "name", "column " + (columns.size() + 1));
      String typeName = text(name, node, "type", "column " + column);
      DataType type;
      try {
        type = DataType.fromDDL(typeName);
      } catch (Exception e) {
        // Spark's ParseException is a checked exception in Java's eyes.
        throw TableErrors.invalidSchema(name, "column " + column + " has type \"" + typeName
            + "\", which is not a Spark SQL type such as string, bigint or array<int>", e);
      }
      if (!node.path("nullable").isBoolean()) {
        throw TableErrors.invalidSchema(name, "column " + column
            + " needs \"nullable\": true or false", null);
      }
      if (!names.add(column)) {
        throw TableErrors.invalidSchema(name, "column " + column + " is declared twice", null);
      }
      columns.add(new Column(column, type, node.get("nullable").booleanValue(),
          text(name, node, "description", "column " + column)));
    }
    List<String> partitions = names(name, root, "partition_columns", names);
    List<String> keys = names(name, root, "key_columns", names);
    return new TableSchema(name, text(name, root, "description", "the document"), columns,
        partitions, keys);
  }

  private static List<String> names(String table, JsonNode root, String field, Set<String> known) {
    List<String> result = new ArrayList<>();
    for (JsonNode node : array(table, root, field)) {
      if (!node.isTextual() || !known.contains(node.textValue())) {
        throw TableErrors.invalidSchema(table, "\"" + field + "\" lists " + node
            + ", which is not a declared column", null);
      }
      result.add(node.textValue());
    }
    return result;
  }

  private static JsonNode array(String table, JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isArray()) {
      throw TableErrors.invalidSchema(table, "\"" + field + "\" must be an array", null);
    }
    return value;
  }

  private static String text(String table, JsonNode node, String field, String where) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw TableErrors.invalidSchema(table, "\"" + field + "\" of " + where
          + " must be a non-empty string", null);
    }
    return value.textValue();
  }
}
