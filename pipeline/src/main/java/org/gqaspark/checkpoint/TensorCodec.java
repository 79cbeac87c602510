package org.gqaspark.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/**
 * Converts between float arrays and the little-endian bytes of a safetensors data section,
 * one chunk at a time, so that reading or writing a tensor never holds a second full copy
 * of it as bytes.
 */
final class TensorCodec {

  /** Size of the byte buffer that one read or write moves; a multiple of every dtype size. */
  static final int CHUNK_BYTES = 1 << 20;

  private TensorCodec() {}

  /** Decodes {@code count} elements of {@code dtype} from {@code bytes} into {@code out}. */
  static void decode(byte[] bytes, int count, DType dtype, float[] out, int outOffset) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    switch (dtype) {
      case F32 -> buffer.asFloatBuffer().get(out, outOffset, count);
      case BF16 -> {
        ShortBuffer shorts = buffer.asShortBuffer();
        for (int i = 0; i < count; i++) {
          out[outOffset + i] = HalfPrecision.bf16ToFloat(shorts.get(i));
        }
      }
      case F16 -> {
        ShortBuffer shorts = buffer.asShortBuffer();
        for (int i = 0; i < count; i++) {
          out[outOffset + i] = HalfPrecision.f16ToFloat(shorts.get(i));
        }
      }
      default -> throw new IllegalArgumentException("No float decoding for dtype " + dtype);
    }
  }

  /** Encodes {@code count} floats from {@code values} as {@code dtype} into {@code bytes}. */
  static void encode(float[] values, int offset, int count, DType dtype, byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    switch (dtype) {
      case F32 -> buffer.asFloatBuffer().put(values, offset, count);
      case BF16 -> {
        ShortBuffer shorts = buffer.asShortBuffer();
        for (int i = 0; i < count; i++) {
          shorts.put(i, HalfPrecision.floatToBf16(values[offset + i]));
        }
      }
      default -> throw new IllegalArgumentException("No float encoding for dtype " + dtype);
    }
  }
}
