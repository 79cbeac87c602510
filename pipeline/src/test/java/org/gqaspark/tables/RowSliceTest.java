package org.gqaspark.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowSliceTest {

  private static Map<String, Object> key(String dataset, String split) {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("run_id", new RunId("r1"));
    key.put("dataset", dataset);
    key.put("split", split);
    return key;
  }

  @Test
  void disjunctionOfConjunctions() {
    RowSlice slice = RowSlice.where(key("cnn", "test")).or(key("wmt", "train"));

    assertEquals("(`run_id` = 'r1' AND `dataset` = 'cnn' AND `split` = 'test') OR"
        + " (`run_id` = 'r1' AND `dataset` = 'wmt' AND `split` = 'train')", slice.sql());
  }

  @Test
  void qualifiedColumns() {
    RowSlice slice = RowSlice.where(Map.of("step", 7L));

    assertEquals("(t.`step` = 7)", slice.sql("t."));
  }

  @Test
  void quotesEscaped() {
    RowSlice slice = RowSlice.where(Map.of("name", "it's a \\ test"));

    assertEquals("(`name` = 'it\\'s a \\\\ test')", slice.sql());
  }

  @Test
  void emptySliceRejected() {
    assertThrows(IllegalArgumentException.class, () -> RowSlice.where(Map.of()));
  }

  @Test
  void doubleValueRejected() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> RowSlice.where(Map.of("loss", 1.5)));

    assertEquals("Slice column loss must be a string, integer or boolean but got"
        + " java.lang.Double.", e.getMessage());
  }

  @Test
  void runIdPattern() {
    assertEquals("2024-05-01T10:00:00.r1", new RunId("2024-05-01T10:00:00.r1").value());
    assertThrows(IllegalArgumentException.class, () -> new RunId("run id"));
    assertThrows(IllegalArgumentException.class, () -> new RunId("'; DROP"));
    assertThrows(IllegalArgumentException.class, () -> new RunId(""));
  }
}
