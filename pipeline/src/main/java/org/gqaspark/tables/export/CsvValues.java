package org.gqaspark.tables.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.Iterator;

/**
 * Turns the values of a Spark row into CSV field text that pandas and Python's csv module
 * read back without a Spark or Parquet reader:
 *
 * <ul>
 *   <li>numbers as Java prints them ({@code 12.5}, {@code 1.0E-4}, {@code NaN}; infinities as
 *       {@code inf} and {@code -inf}, which Python's {@code float} parses);
 *   <li>booleans as {@code true} and {@code false};
 *   <li>timestamps as ISO 8601 instants in UTC ({@code 2025-01-02T03:04:05.123Z}), dates as
 *       {@code 2025-01-02};
 *   <li>arrays, maps and structs as JSON text (arrays as JSON arrays, maps and structs as
 *       objects, map keys as strings), with NaN and infinities as the JSON texts {@code NaN}
 *       and {@code Infinity} that Python's {@code json} module accepts;
 *   <li>binary as Base64; null as null, which the CSV writer turns into an empty field.
 * </ul>
 */
final class CsvValues {

  // Bare NaN and Infinity tokens instead of the quoted strings that Jackson writes by default.
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .build();

  private CsvValues() {}

  /** Returns the field texts of a row, in column order. */
  static List<String> fields(Row row, StructType schema) {
    List<String> fields = new ArrayList<>(schema.fields().length);
    for (int i = 0; i < schema.fields().length; i++) {
      fields.add(text(row.isNullAt(i) ? null : row.get(i), schema.fields()[i].dataType()));
    }
    return fields;
  }

  /** Returns the CSV text of one value of the given Spark type, or null for null. */
  static String text(Object value, DataType type) {
    if (value == null) {
      return null;
    }
    if (type instanceof ArrayType || type instanceof MapType || type instanceof StructType) {
      try {
        return JSON.writeValueAsString(jsonValue(value, type));
      } catch (JsonProcessingException e) {
        throw ExportErrors.unwritableValue(type, e);
      }
    }
    return scalar(value, type);
  }

  private static String scalar(Object value, DataType type) {
    if (value instanceof Double || value instanceof Float) {
      return floatingPoint(((Number) value).doubleValue(), value.toString());
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant().toString();
    }
    if (value instanceof Instant instant) {
      return instant.toString();
    }
    if (value instanceof Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof LocalDate || value instanceof LocalDateTime) {
      return value.toString();
    }
    if (type instanceof BinaryType && value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    return value.toString();
  }

  private static String floatingPoint(double number, String printed) {
    if (number == Double.POSITIVE_INFINITY) {
      return "inf";
    }
    if (number == Double.NEGATIVE_INFINITY) {
      return "-inf";
    }
    return printed;
  }

  /** Returns the value as plain Java lists, maps and scalars for Jackson. */
  private static Object jsonValue(Object value, DataType type) {
    if (value == null) {
      return null;
    }
    if (type instanceof ArrayType array) {
      List<Object> items = new ArrayList<>();
      for (Object item : elements(value)) {
        items.add(jsonValue(item, array.elementType()));
      }
      return items;
    }
    if (type instanceof MapType map) {
      Map<String, Object> entries = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : entries(value).entrySet()) {
        String key = text(entry.getKey(), map.keyType());
        entries.put(key, jsonValue(entry.getValue(), map.valueType()));
      }
      return entries;
    }
    if (type instanceof StructType struct) {
      Row row = (Row) value;
      Map<String, Object> fields = new LinkedHashMap<>();
      for (int i = 0; i < struct.fields().length; i++) {
        StructField field = struct.fields()[i];
        fields.put(field.name(), row.isNullAt(i) ? null : jsonValue(row.get(i), field.dataType()));
      }
      return fields;
    }
    if (value instanceof Number || value instanceof Boolean || value instanceof String) {
      return value;
    }
    return scalar(value, type);
  }

  // Row.get returns Scala collections for arrays and maps.
  private static List<Object> elements(Object value) {
    List<Object> items = new ArrayList<>();
    if (value instanceof scala.collection.Iterable<?> iterable) {
      Iterator<?> iterator = iterable.iterator();
      while (iterator.hasNext()) {
        items.add(iterator.next());
      }
    } else if (value instanceof Iterable<?> iterable) {
      iterable.forEach(items::add);
    } else if (value instanceof Object[] array) {
      items.addAll(List.of(array));
    } else {
      throw ExportErrors.unexpectedValue(value, "an array");
    }
    return items;
  }

  private static Map<?, ?> entries(Object value) {
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<Object, Object> entries = new LinkedHashMap<>();
      Iterator<? extends scala.Tuple2<?, ?>> iterator = map.iterator();
      while (iterator.hasNext()) {
        scala.Tuple2<?, ?> entry = iterator.next();
        entries.put(entry._1(), entry._2());
      }
      return entries;
    }
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    throw ExportErrors.unexpectedValue(value, "a map");
  }
}
