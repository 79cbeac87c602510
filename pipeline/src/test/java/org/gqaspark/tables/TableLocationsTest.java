package org.gqaspark.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TableLocationsTest {

  @Test
  void relativeRootResolved() {
    assertEquals(Path.of("delta").toAbsolutePath() + "/runs",
        new TableLocations("delta").path(RunsTable.SCHEMA));
  }

  @Test
  void uriRootKept() {
    assertEquals("s3a://bucket/gqa/runs",
        new TableLocations("s3a://bucket/gqa/").path(RunsTable.SCHEMA));
  }
}
