package org.gqaspark.checkpoint;

/**
 * Element types of the safetensors format (the set of safetensors 0.4), with the names its
 * header uses. The declaration order is the reference writer's (Rust {@code Dtype}), which
 * stores tensors sorted by descending type in this order, then by name. Inspection describes
 * every type; only F32, BF16 and F16 can be read as floats.
 */
public enum DType {
  BOOL(1),
  U8(1),
  I8(1),
  F8_E5M2(1),
  F8_E4M3(1),
  I16(2),
  U16(2),
  F16(2),
  BF16(2),
  I32(4),
  U32(4),
  F32(4),
  F64(8),
  I64(8),
  U64(8);

  private final int bytes;

  DType(int bytes) {
    this.bytes = bytes;
  }

  /** Size of one element in bytes. */
  public int bytes() {
    return bytes;
  }

  /** Whether this engine decodes the type to 32-bit floats. */
  public boolean isReadableAsFloat() {
    return this == F32 || this == BF16 || this == F16;
  }

  /** Whether this engine can encode 32-bit floats as this type. */
  public boolean isWritable() {
    return this == F32 || this == BF16;
  }

  /**
   * Returns the type with this header name, or null when the name is not a safetensors type;
   * the caller builds the error because only it knows the file and the tensor.
   */
  public static DType fromHeaderName(String name) {
    for (DType type : values()) {
      if (type.name().equals(name)) {
        return type;
      }
    }
    return null;
  }
}
