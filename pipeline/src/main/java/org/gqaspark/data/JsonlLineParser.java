package org.gqaspark.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Turns one JSON line into a record or a reject. The parser is strict: trailing text after
 * the object and duplicate keys make the line malformed, because either usually means two
 * records were glued together or a writer was broken.
 */
final class JsonlLineParser {

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /** A field's text, or why there is none. */
  private record Field(String text, RejectReason reason, String message) {
    static Field of(String text) {
      return new Field(text, null, null);
    }

    static Field failed(RejectReason reason, String message) {
      return new Field(null, reason, message);
    }
  }

  private final FileContext context;
  private final CorpusSource.Jsonl source;

  JsonlLineParser(FileContext context, CorpusSource.Jsonl source) {
    this.context = context;
    this.source = source;
  }

  ReadItem parse(long line, String text) {
    if (Texts.isBlank(text)) {
      return context.reject(line, RejectReason.EMPTY_TEXT, "blank line", text);
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? ""
          : " at column " + e.getLocation().getColumnNr();
      return context.reject(line, RejectReason.MALFORMED_JSON,
          "invalid JSON" + where + ": " + e.getOriginalMessage(), text);
    }
    if (!root.isObject()) {
      return context.reject(line, RejectReason.MALFORMED_JSON,
          "the line is a JSON " + root.getNodeType().name().toLowerCase() + ", not an object",
          text);
    }

    Field input = textField(root, source.sourceField(), source.sourceSeparator());
    if (input.reason() != null) {
      return context.reject(line, input.reason(), input.message(), text);
    }
    Field target = source.targetField() == null ? Field.of("")
        : textField(root, source.targetField(), source.targetSeparator());
    if (target.reason() != null) {
      return context.reject(line, target.reason(), target.message(), text);
    }
    String id = context.derivedId(line);
    if (source.idField() != null) {
      Field ownId = idField(root, source.idField());
      if (ownId.reason() != null) {
        return context.reject(line, ownId.reason(), ownId.message(), text);
      }
      id = ownId.text();
    }
    return context.record(id, null, line, input.text(), target.text());
  }

  private static Field textField(JsonNode root, FieldPath path, String separator) {
    JsonNode node = navigate(root, path);
    if (node == null) {
      return Field.failed(RejectReason.MISSING_FIELD, "field \"" + path + "\" is missing");
    }
    String text;
    if (node.isTextual()) {
      text = node.textValue();
    } else if (node.isArray()) {
      StringBuilder joined = new StringBuilder();
      for (int i = 0; i < node.size(); i++) {
        JsonNode element = node.get(i);
        if (!element.isTextual()) {
          return Field.failed(RejectReason.WRONG_FIELD_TYPE, "field \"" + path + "\" element "
              + i + " is a " + typeName(element) + ", not a string");
        }
        if (i > 0) {
          joined.append(separator);
        }
        joined.append(element.textValue());
      }
      text = joined.toString();
    } else {
      return Field.failed(RejectReason.WRONG_FIELD_TYPE, "field \"" + path + "\" is a "
          + typeName(node) + ", not a string or a list of strings");
    }
    if (Texts.isBlank(text)) {
      return Field.failed(RejectReason.EMPTY_TEXT, "field \"" + path + "\" is "
          + (text.isEmpty() ? "empty" : "whitespace only"));
    }
    return Field.of(text);
  }

  private static Field idField(JsonNode root, FieldPath path) {
    JsonNode node = navigate(root, path);
    if (node == null) {
      return Field.failed(RejectReason.MISSING_FIELD, "id field \"" + path + "\" is missing");
    }
    if (node.isIntegralNumber()) {
      return Field.of(node.asText());
    }
    if (!node.isTextual()) {
      return Field.failed(RejectReason.WRONG_FIELD_TYPE, "id field \"" + path + "\" is a "
          + typeName(node) + ", not a string or an integer");
    }
    if (Texts.isBlank(node.textValue())) {
      return Field.failed(RejectReason.MISSING_FIELD, "id field \"" + path + "\" is empty");
    }
    return Field.of(node.textValue());
  }

  /**
   * Returns the node at the path, or null when a key or index is absent or the value is null.
   * A key of digits indexes a list.
   */
  private static JsonNode navigate(JsonNode root, FieldPath path) {
    JsonNode node = root;
    for (String key : path.keys()) {
      if (node.isObject()) {
        node = node.get(key);
      } else if (node.isArray() && FieldPath.isIndex(key)) {
        node = node.get(Integer.parseInt(key));
      } else {
        node = null;
      }
      if (node == null || node.isNull()) {
        return null;
      }
    }
    return node;
  }

  private static String typeName(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "list";
      case OBJECT -> "object";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case STRING -> "string";
      default -> node.getNodeType().name().toLowerCase();
    };
  }
}
