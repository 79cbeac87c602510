package org.gqaspark.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One reference case from {@code metric-cases/*.jsonl}: inputs, options and expected values. */
record MetricCase(String id, String metric, String level, JsonNode inputs, JsonNode options,
    JsonNode expected, double tolerance) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Tolerance of the generated cases, which give none: their values are exact computations. */
  static final double DEFAULT_TOLERANCE = 1e-9;

  /** Reads every case of one resource file under {@code metric-cases/}. */
  static List<MetricCase> load(String file) {
    String resource = "/metric-cases/" + file;
    try (InputStream in = MetricCase.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Test resource " + resource + " is missing.");
      }
      List<MetricCase> cases = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = JSON.readTree(line);
        cases.add(new MetricCase(node.get("id").asText(), node.get("metric").asText(),
            node.path("level").asText(), node.get("inputs"), node.path("options"),
            node.get("expected"),
            node.has("tolerance") ? node.get("tolerance").asDouble() : DEFAULT_TOLERANCE));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + resource, e);
    }
  }

  /** Returns the option as text, or {@code fallback} when absent or null. */
  String option(String name, String fallback) {
    JsonNode value = options.get(name);
    return value == null || value.isNull() ? fallback : value.asText();
  }

  boolean flag(String name, boolean fallback) {
    JsonNode value = options.get(name);
    return value == null || value.isNull() ? fallback : value.asBoolean();
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(item -> values.add(item.isNull() ? null : item.asText()));
    return values;
  }

  static List<List<String>> stringLists(JsonNode arrays) {
    List<List<String>> values = new ArrayList<>();
    arrays.forEach(array -> values.add(strings(array)));
    return values;
  }

  static long[] longs(JsonNode array) {
    long[] values = new long[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asLong();
    }
    return values;
  }

  @Override
  public String toString() {
    return id;
  }
}
