package org.gqaspark.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.gqaspark.testing.RepoPaths;
import org.junit.jupiter.api.Test;

class TableSchemaTest {

  @Test
  void examplesLoaded() {
    TableSchema examples = IngestTables.EXAMPLES;

    assertEquals(List.of("run_id", "dataset", "split", "example_id", "task_prefix", "input_ids",
        "target_ids", "input_length", "target_length", "truncated", "source_file", "target_file",
        "source_line", "source_text", "target_text"), examples.columnNames());
    assertEquals(List.of("run_id", "dataset"), examples.partitionColumns());
    StructField inputIds = examples.structType().apply("input_ids");
    assertEquals(DataTypes.createArrayType(DataTypes.IntegerType, true), inputIds.dataType());
    assertFalse(inputIds.nullable());
    assertTrue(inputIds.getComment().get().startsWith("Token ids of task_prefix"));
  }

  @Test
  void everySchemaFileLoads() throws IOException {
    Path folder = RepoPaths.root().resolve("data-schemas");
    List<String> names;
    try (Stream<Path> files = Files.list(folder)) {
      names = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length()))
          .sorted()
          .toList();
    }

    assertTrue(names.containsAll(List.of("examples", "reject_counts", "rejects")), "" + names);
    for (String name : names) {
      TableSchema schema = TableSchema.load(name);
      assertEquals(name, schema.name());
      assertFalse(schema.keyColumns().isEmpty(), name + " declares no key columns");
    }
  }

  @Test
  void unknownTypeRejected() throws IOException {
    JsonNode document = new ObjectMapper().readTree("""
        {"name": "t", "description": "d", "partition_columns": [], "key_columns": ["a"],
         "columns": [{"name": "a", "type": "varchar2", "nullable": false, "description": "x"}]}
        """);

    var e = assertThrows(TableErrors.SchemaDefinitionException.class,
        () -> TableSchema.parse("t", document));

    assertTrue(e.getMessage().contains("column a has type \"varchar2\""), e.getMessage());
  }

  @Test
  void unknownKeyColumnRejected() throws IOException {
    JsonNode document = new ObjectMapper().readTree("""
        {"name": "t", "description": "d", "partition_columns": [], "key_columns": ["b"],
         "columns": [{"name": "a", "type": "int", "nullable": false, "description": "x"}]}
        """);

    var e = assertThrows(TableErrors.SchemaDefinitionException.class,
        () -> TableSchema.parse("t", document));

    assertTrue(e.getMessage().contains("\"key_columns\" lists \"b\""), e.getMessage());
  }

  @Test
  void missingSchemaNamed() {
    var e = assertThrows(TableErrors.SchemaDefinitionException.class,
        () -> TableSchema.load("no_such_table"));

    assertTrue(e.getMessage().contains("data-schemas/no_such_table.json"), e.getMessage());
  }
}
