package org.gqaspark.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the protobuf wire format (varint, 64-bit, length-delimited and 32-bit fields) from a
 * byte range. Hand-written so that the pipeline needs no protobuf runtime: Spark ships its own
 * shaded copy, and a second one on the classpath could clash with it.
 */
final class ProtoReader {

  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private final String source;
  private final byte[] buffer;
  private final int limit;
  private int position;

  ProtoReader(String source, byte[] buffer) {
    this(source, buffer, 0, buffer.length);
  }

  private ProtoReader(String source, byte[] buffer, int offset, int limit) {
    this.source = source;
    this.buffer = buffer;
    this.position = offset;
    this.limit = limit;
  }

  boolean hasMore() {
    return position < limit;
  }

  int position() {
    return position;
  }

  /** Reads a field key and returns it (field number << 3 | wire type). */
  int readTag() {
    int start = position;
    long tag = readVarint();
    if (tag >>> 3 == 0 || tag >>> 3 > 0x1FFFFFFF) {
      throw TokenizerErrors.malformedProtobuf(source, start, "invalid field key " + tag);
    }
    return (int) tag;
  }

  long readVarint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= limit) {
        throw TokenizerErrors.malformedProtobuf(source, position, "varint runs past the end");
      }
      byte b = buffer[position++];
      result |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw TokenizerErrors.malformedProtobuf(source, position, "varint longer than 10 bytes");
  }

  int readFixed32() {
    require(4);
    int value = (buffer[position] & 0xFF)
        | (buffer[position + 1] & 0xFF) << 8
        | (buffer[position + 2] & 0xFF) << 16
        | (buffer[position + 3] & 0xFF) << 24;
    position += 4;
    return value;
  }

  long readFixed64() {
    long low = readFixed32() & 0xFFFFFFFFL;
    long high = readFixed32() & 0xFFFFFFFFL;
    return low | high << 32;
  }

  float readFloat() {
    return Float.intBitsToFloat(readFixed32());
  }

  byte[] readBytes() {
    int length = readLength();
    byte[] bytes = Arrays.copyOfRange(buffer, position, position + length);
    position += length;
    return bytes;
  }

  String readString() {
    int length = readLength();
    String text = new String(buffer, position, length, StandardCharsets.UTF_8);
    position += length;
    return text;
  }

  /** Reads a length-delimited field and returns a reader over its content (an embedded message). */
  ProtoReader readMessage() {
    int length = readLength();
    ProtoReader nested = new ProtoReader(source, buffer, position, position + length);
    position += length;
    return nested;
  }

  /** Skips the value of a field with the given wire type. */
  void skipValue(int wireType) {
    switch (wireType) {
      case VARINT -> readVarint();
      case FIXED64 -> {
        require(8);
        position += 8;
      }
      case LENGTH_DELIMITED -> position += readLength();
      case FIXED32 -> {
        require(4);
        position += 4;
      }
      default -> throw TokenizerErrors.malformedProtobuf(source, position,
          "unsupported wire type " + wireType + " (groups are not used by ModelProto)");
    }
  }

  /** Returns a copy of the bytes from {@code start} to the current position. */
  byte[] bytesSince(int start) {
    return Arrays.copyOfRange(buffer, start, position);
  }

  private int readLength() {
    int start = position;
    long length = readVarint();
    if (length < 0 || length > limit - position) {
      throw TokenizerErrors.malformedProtobuf(source, start,
          "length " + length + " exceeds the " + (limit - position) + " bytes left");
    }
    return (int) length;
  }

  private void require(int bytes) {
    if (limit - position < bytes) {
      throw TokenizerErrors.malformedProtobuf(source, position,
          "fixed-size field needs " + bytes + " bytes but " + (limit - position) + " are left");
    }
  }
}
