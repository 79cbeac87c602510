package org.gqaspark.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes the protobuf wire format into a growing byte array, as {@link ProtoReader} reads it. */
final class ProtoWriter {

  private byte[] buffer;
  private int size;

  ProtoWriter(int initialCapacity) {
    buffer = new byte[Math.max(16, initialCapacity)];
  }

  void writeTag(int fieldNumber, int wireType) {
    writeVarint((long) fieldNumber << 3 | wireType);
  }

  /** Writes a varint. Negative int32 and int64 values take ten bytes, as protobuf encodes them. */
  void writeVarint(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      buffer[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buffer[size++] = (byte) value;
  }

  void writeFixed32(int value) {
    ensure(4);
    buffer[size++] = (byte) value;
    buffer[size++] = (byte) (value >>> 8);
    buffer[size++] = (byte) (value >>> 16);
    buffer[size++] = (byte) (value >>> 24);
  }

  void writeFixed64(long value) {
    writeFixed32((int) value);
    writeFixed32((int) (value >>> 32));
  }

  void writeBytesField(int fieldNumber, byte[] value) {
    writeTag(fieldNumber, ProtoReader.LENGTH_DELIMITED);
    writeVarint(value.length);
    writeRaw(value);
  }

  void writeStringField(int fieldNumber, String value) {
    writeBytesField(fieldNumber, value.getBytes(StandardCharsets.UTF_8));
  }

  void writeFloatField(int fieldNumber, float value) {
    writeTag(fieldNumber, ProtoReader.FIXED32);
    writeFixed32(Float.floatToRawIntBits(value));
  }

  void writeVarintField(int fieldNumber, long value) {
    writeTag(fieldNumber, ProtoReader.VARINT);
    writeVarint(value);
  }

  /** Writes bytes that are already encoded (a kept unknown field, a nested message). */
  void writeRaw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  private void ensure(int extra) {
    if (size + extra > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
    }
  }
}
