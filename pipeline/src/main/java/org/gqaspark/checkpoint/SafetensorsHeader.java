package org.gqaspark.checkpoint;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON header of a safetensors file: its tensors, sorted by position in the data
 * section, and the optional {@code __metadata__} map of string to string.
 *
 * <p>File layout (https://github.com/huggingface/safetensors, README "Format"): 8 bytes N,
 * a little-endian unsigned 64-bit integer; N bytes of UTF-8 JSON; then the data section.
 * Each JSON key other than {@code __metadata__} names a tensor and maps to
 * {@code {"dtype": ..., "shape": [...], "data_offsets": [begin, end]}}, offsets relative to
 * the data section. The tensors must cover the data section exactly, without gaps or
 * overlaps, and all data is little-endian and row-major.
 *
 * @param entries tensors in data-section order
 * @param metadata the {@code __metadata__} map, empty when absent
 * @param headerLength N, the length of the JSON text in bytes, padding included
 */
public record SafetensorsHeader(
    List<TensorEntry> entries, Map<String, String> metadata, long headerLength) {

  /** The reference implementation's limit on N; larger headers are rejected as hostile. */
  public static final long MAX_HEADER_BYTES = 100_000_000L;

  /** Bytes of the length prefix. */
  public static final int PREFIX_BYTES = 8;

  static final String METADATA_KEY = "__metadata__";

  /**
   * Rejects duplicate keys inside a tensor entry; duplicate tensor names are detected while
   * the top level is read, for a message that names the tensor.
   */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  public SafetensorsHeader {
    entries = List.copyOf(entries);
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** Offset of the data section from the start of the file. */
  public long dataStart() {
    return PREFIX_BYTES + headerLength;
  }

  /** Length of the data section: the end of the last tensor. */
  public long dataLength() {
    return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).end();
  }

  /** Returns the tensors by name, in data-section order. */
  public Map<String, TensorEntry> byName() {
    Map<String, TensorEntry> map = new LinkedHashMap<>();
    for (TensorEntry entry : entries) {
      map.put(entry.name(), entry);
    }
    return map;
  }

  /**
   * Parses and validates a header.
   *
   * @param json the N header bytes
   * @param dataLength bytes that follow the header in the file
   * @param source file name for error messages
   * @throws InvalidCheckpointException for every violation of the format, naming the file,
   *     the tensor and the value. Violations are invalid UTF-8 or JSON, an unknown dtype, a
   *     negative or overflowing shape, reversed offsets, a byte length other than the shape's
   *     product times the dtype size, gaps, overlaps, tensors past the end of the file,
   *     bytes that no tensor covers, and duplicate names.
   */
  public static SafetensorsHeader parse(byte[] json, long dataLength, String source)
      throws InvalidCheckpointException {
    String text = decodeUtf8(json, source);
    Map<String, String> metadata = new LinkedHashMap<>();
    List<TensorEntry> entries = new ArrayList<>();

    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw CheckpointErrors.headerNotObject(source, text);
      }
      Set<String> names = new HashSet<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        JsonNode value = parser.readValueAsTree();
        if (!names.add(name)) {
          throw CheckpointErrors.duplicateTensor(source, name);
        }
        if (name.equals(METADATA_KEY)) {
          metadata.putAll(parseMetadata(value, source));
        } else {
          entries.add(parseEntry(name, value, source));
        }
      }
      if (parser.nextToken() != null) {
        throw CheckpointErrors.headerTrailingContent(source, parser.getTokenLocation()
            .getCharOffset());
      }
    } catch (JsonProcessingException e) {
      throw CheckpointErrors.headerNotJson(source, e);
    } catch (InvalidCheckpointException e) {
      throw e;
    } catch (IOException e) {
      // Reading a String in memory has no I/O to fail, so this is a bug in the parser.
      throw new IllegalStateException("Could not read an in-memory header of " + source, e);
    }

    entries.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
    validateLayout(entries, dataLength, source);
    return new SafetensorsHeader(entries, metadata, json.length);
  }

  /**
   * Serialises tensors in the given order as the reference writer does: compact JSON with
   * {@code __metadata__} first (omitted when empty), each tensor's fields in the order
   * dtype, shape, data_offsets, then spaces up to a multiple of 8 bytes so that the data
   * section starts aligned.
   *
   * @return the header bytes, padding included; their length is N
   */
  public static byte[] serialize(List<TensorEntry> entries, Map<String, String> metadata) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator out = JSON.getFactory().createGenerator(bytes)) {
      out.writeStartObject();
      if (!metadata.isEmpty()) {
        out.writeObjectFieldStart(METADATA_KEY);
        for (Map.Entry<String, String> item : metadata.entrySet()) {
          out.writeStringField(item.getKey(), item.getValue());
        }
        out.writeEndObject();
      }
      for (TensorEntry entry : entries) {
        out.writeObjectFieldStart(entry.name());
        out.writeStringField("dtype", entry.dtype().name());
        out.writeArrayFieldStart("shape");
        for (long dimension : entry.shape()) {
          out.writeNumber(dimension);
        }
        out.writeEndArray();
        out.writeArrayFieldStart("data_offsets");
        out.writeNumber(entry.begin());
        out.writeNumber(entry.end());
        out.writeEndArray();
        out.writeEndObject();
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("Could not serialise a safetensors header in memory", e);
    }
    int padding = (8 - bytes.size() % 8) % 8;
    for (int i = 0; i < padding; i++) {
      bytes.write(' ');
    }
    return bytes.toByteArray();
  }

  private static String decodeUtf8(byte[] json, String source) throws InvalidCheckpointException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(json))
          .toString();
    } catch (CharacterCodingException e) {
      throw CheckpointErrors.headerNotUtf8(source);
    }
  }

  private static Map<String, String> parseMetadata(JsonNode value, String source)
      throws InvalidCheckpointException {
    if (!value.isObject()) {
      throw CheckpointErrors.invalidMetadata(source, METADATA_KEY, value);
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> item : value.properties()) {
      if (!item.getValue().isTextual()) {
        throw CheckpointErrors.invalidMetadata(source, item.getKey(), item.getValue());
      }
      metadata.put(item.getKey(), item.getValue().textValue());
    }
    return metadata;
  }

  private static TensorEntry parseEntry(String name, JsonNode value, String source)
      throws InvalidCheckpointException {
    if (!value.isObject()) {
      throw CheckpointErrors.invalidEntryField(source, name, "the entry", value,
          "an object with dtype, shape and data_offsets");
    }
    JsonNode dtypeNode = value.get("dtype");
    if (dtypeNode == null || !dtypeNode.isTextual()) {
      throw CheckpointErrors.invalidEntryField(source, name, "dtype", dtypeNode,
          "a string such as \"F32\"");
    }
    DType dtype = DType.fromHeaderName(dtypeNode.textValue());
    if (dtype == null) {
      throw CheckpointErrors.unknownDtype(source, name, dtypeNode.textValue());
    }

    long[] shape = nonNegativeLongs(value.get("shape"), -1, source, name, "shape",
        "a list of non-negative integers");
    long[] offsets = nonNegativeLongs(value.get("data_offsets"), 2, source, name,
        "data_offsets", "a list of two non-negative integers [begin, end]");
    long begin = offsets[0];
    long end = offsets[1];
    if (end < begin) {
      throw CheckpointErrors.reversedOffsets(source, name, begin, end);
    }

    long elements = 1;
    for (long dimension : shape) {
      elements = multiplyOrMinus(elements, dimension);
    }
    long expectedBytes = elements < 0 ? -1 : multiplyOrMinus(elements, dtype.bytes());
    if (expectedBytes < 0) {
      throw CheckpointErrors.shapeOverflow(source, name, shape);
    }
    if (end - begin != expectedBytes) {
      throw CheckpointErrors.byteLengthMismatch(source, name, dtype, shape, expectedBytes,
          begin, end);
    }
    return new TensorEntry(name, dtype, shape, begin, end);
  }

  /** Returns a * b, or -1 when either is negative or the product overflows a long. */
  private static long multiplyOrMinus(long a, long b) {
    if (a < 0 || b < 0) {
      return -1;
    }
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      return -1;
    }
  }

  private static long[] nonNegativeLongs(JsonNode node, int requiredLength, String source,
      String name, String field, String requirement) throws InvalidCheckpointException {
    if (node == null || !node.isArray()
        || (requiredLength >= 0 && node.size() != requiredLength)) {
      throw CheckpointErrors.invalidEntryField(source, name, field, node, requirement);
    }
    long[] values = new long[node.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode item = node.get(i);
      if (!item.isIntegralNumber() || !item.canConvertToLong() || item.longValue() < 0) {
        throw CheckpointErrors.invalidEntryField(source, name, field, node, requirement);
      }
      values[i] = item.longValue();
    }
    return values;
  }

  /** Checks that the sorted tensors tile the data section [0, dataLength) exactly. */
  private static void validateLayout(List<TensorEntry> sorted, long dataLength, String source)
      throws InvalidCheckpointException {
    long expectedBegin = 0;
    TensorEntry previous = null;
    for (TensorEntry entry : sorted) {
      if (entry.begin() != expectedBegin) {
        throw CheckpointErrors.notContiguous(source, entry, previous, expectedBegin);
      }
      if (entry.end() > dataLength) {
        throw CheckpointErrors.tensorPastEnd(source, entry, dataLength);
      }
      expectedBegin = entry.end();
      previous = entry;
    }
    if (expectedBegin != dataLength) {
      throw CheckpointErrors.uncoveredBytes(source, expectedBegin, dataLength);
    }
  }
}
