package org.gqaspark.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growing byte array that the normaliser and the decoder write UTF-8 text into. */
final class ByteSink {

  private byte[] bytes;
  private int size;

  ByteSink(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  int size() {
    return size;
  }

  void append(byte b) {
    if (size == bytes.length) {
      bytes = Arrays.copyOf(bytes, bytes.length * 2);
    }
    bytes[size++] = b;
  }

  void append(byte[] source) {
    append(source, 0, source.length);
  }

  void append(byte[] source, int from, int length) {
    if (size + length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
    }
    System.arraycopy(source, from, bytes, size, length);
    size += length;
  }

  /** Removes trailing copies of {@code suffix}. */
  void stripTrailing(byte[] suffix) {
    while (size >= suffix.length
        && Arrays.equals(bytes, size - suffix.length, size, suffix, 0, suffix.length)) {
      size -= suffix.length;
    }
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  String toUtf8String() {
    return new String(bytes, 0, size, StandardCharsets.UTF_8);
  }
}
