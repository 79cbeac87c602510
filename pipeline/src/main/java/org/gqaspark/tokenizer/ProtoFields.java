package org.gqaspark.tokenizer;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one protobuf message in wire order, kept raw. Typed views ({@link TrainerSpec},
 * {@link NormalizerSpec}) read the fields they know with the schema's defaults, and every other
 * field survives a read and write unchanged. Immutable: the {@code with} methods return copies.
 *
 * <p>Accessors follow proto2 rules: the last occurrence of a non-repeated field wins, and a field
 * whose wire type does not match the schema counts as unknown.
 */
final class ProtoFields implements Serializable {

  private static final long serialVersionUID = 1L;

  /** One field: a varint or fixed-size value in {@code scalar}, or else {@code bytes}. */
  record Field(int number, int wireType, long scalar, byte[] bytes) implements Serializable {}

  static final ProtoFields EMPTY = new ProtoFields(List.of());

  private final List<Field> fields;

  private ProtoFields(List<Field> fields) {
    this.fields = List.copyOf(fields);
  }

  /** Reads fields until the reader's range ends. */
  static ProtoFields read(ProtoReader reader) {
    List<Field> fields = new ArrayList<>();
    while (reader.hasMore()) {
      int tag = reader.readTag();
      int number = tag >>> 3;
      int wireType = tag & 7;
      switch (wireType) {
        case ProtoReader.VARINT ->
            fields.add(new Field(number, wireType, reader.readVarint(), null));
        case ProtoReader.FIXED64 ->
            fields.add(new Field(number, wireType, reader.readFixed64(), null));
        case ProtoReader.FIXED32 ->
            fields.add(new Field(number, wireType, reader.readFixed32(), null));
        case ProtoReader.LENGTH_DELIMITED ->
            fields.add(new Field(number, wireType, 0, reader.readBytes()));
        default -> reader.skipValue(wireType);
      }
    }
    return new ProtoFields(fields);
  }

  /** Returns the fields of both messages: how protobuf merges a message field that occurs twice. */
  ProtoFields concat(ProtoFields other) {
    List<Field> merged = new ArrayList<>(fields);
    merged.addAll(other.fields);
    return new ProtoFields(merged);
  }

  boolean has(int number) {
    for (Field field : fields) {
      if (field.number() == number) {
        return true;
      }
    }
    return false;
  }

  long varint(int number, long defaultValue) {
    Field field = last(number, ProtoReader.VARINT);
    return field == null ? defaultValue : field.scalar();
  }

  int int32(int number, int defaultValue) {
    return (int) varint(number, defaultValue);
  }

  boolean bool(int number, boolean defaultValue) {
    return varint(number, defaultValue ? 1 : 0) != 0;
  }

  float float32(int number, float defaultValue) {
    Field field = last(number, ProtoReader.FIXED32);
    return field == null ? defaultValue : Float.intBitsToFloat((int) field.scalar());
  }

  /** Returns the bytes of the last occurrence, or null when the field is absent. */
  byte[] bytes(int number) {
    Field field = last(number, ProtoReader.LENGTH_DELIMITED);
    return field == null ? null : field.bytes().clone();
  }

  String string(int number, String defaultValue) {
    Field field = last(number, ProtoReader.LENGTH_DELIMITED);
    return field == null ? defaultValue : new String(field.bytes(), StandardCharsets.UTF_8);
  }

  List<String> strings(int number) {
    List<String> values = new ArrayList<>();
    for (Field field : fields) {
      if (field.number() == number && field.wireType() == ProtoReader.LENGTH_DELIMITED) {
        values.add(new String(field.bytes(), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  ProtoFields withVarint(int number, long value) {
    return replaced(number, List.of(new Field(number, ProtoReader.VARINT, value, null)));
  }

  ProtoFields withBool(int number, boolean value) {
    return withVarint(number, value ? 1 : 0);
  }

  ProtoFields withFloat(int number, float value) {
    return replaced(number, List.of(
        new Field(number, ProtoReader.FIXED32, Float.floatToRawIntBits(value), null)));
  }

  ProtoFields withBytes(int number, byte[] value) {
    return replaced(number, List.of(
        new Field(number, ProtoReader.LENGTH_DELIMITED, 0, value.clone())));
  }

  ProtoFields withString(int number, String value) {
    return withBytes(number, value.getBytes(StandardCharsets.UTF_8));
  }

  ProtoFields withStrings(int number, List<String> values) {
    List<Field> replacement = new ArrayList<>();
    for (String value : values) {
      replacement.add(new Field(number, ProtoReader.LENGTH_DELIMITED, 0,
          value.getBytes(StandardCharsets.UTF_8)));
    }
    return replaced(number, replacement);
  }

  ProtoFields without(int number) {
    return replaced(number, List.of());
  }

  void writeTo(ProtoWriter writer) {
    for (Field field : fields) {
      writer.writeTag(field.number(), field.wireType());
      switch (field.wireType()) {
        case ProtoReader.VARINT -> writer.writeVarint(field.scalar());
        case ProtoReader.FIXED64 -> writer.writeFixed64(field.scalar());
        case ProtoReader.FIXED32 -> writer.writeFixed32((int) field.scalar());
        default -> {
          writer.writeVarint(field.bytes().length);
          writer.writeRaw(field.bytes());
        }
      }
    }
  }

  byte[] toByteArray() {
    ProtoWriter writer = new ProtoWriter(256);
    writeTo(writer);
    return writer.toByteArray();
  }

  private Field last(int number, int wireType) {
    for (int i = fields.size() - 1; i >= 0; i--) {
      Field field = fields.get(i);
      if (field.number() == number && field.wireType() == wireType) {
        return field;
      }
    }
    return null;
  }

  /**
   * Removes every occurrence of the field and inserts the replacement where the C++ serializer
   * would write it: before the first field with a higher number.
   */
  private ProtoFields replaced(int number, List<Field> replacement) {
    List<Field> result = new ArrayList<>(fields.size() + replacement.size());
    boolean inserted = false;
    for (Field field : fields) {
      if (field.number() == number) {
        continue;
      }
      if (!inserted && field.number() > number) {
        result.addAll(replacement);
        inserted = true;
      }
      result.add(field);
    }
    if (!inserted) {
      result.addAll(replacement);
    }
    return new ProtoFields(result);
  }
}
