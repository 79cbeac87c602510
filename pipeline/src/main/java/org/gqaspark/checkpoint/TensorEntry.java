package org.gqaspark.checkpoint;

import java.util.Arrays;

/**
 * One tensor as a safetensors header describes it: name, element type, shape and its byte
 * range {@code [begin, end)} in the data section, which starts right after the header.
 *
 * @param name state-dict name, for example {@code shared.weight}
 * @param dtype element type
 * @param shape dimensions, outermost first; empty for a scalar
 * @param begin first byte in the data section
 * @param end byte after the last one in the data section
 */
public record TensorEntry(String name, DType dtype, long[] shape, long begin, long end) {

  public TensorEntry {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** Number of bytes the tensor takes in the file. */
  public long byteLength() {
    return end - begin;
  }

  /** Number of elements: the product of the shape (1 for a scalar). */
  public long elementCount() {
    long count = 1;
    for (long dimension : shape) {
      count *= dimension;
    }
    return count;
  }

  /** Returns the shape as {@code [d0, d1, ...]}. */
  public String shapeString() {
    return Arrays.toString(shape);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TensorEntry entry
        && name.equals(entry.name)
        && dtype == entry.dtype
        && Arrays.equals(shape, entry.shape)
        && begin == entry.begin
        && end == entry.end;
  }

  @Override
  public int hashCode() {
    return ((name.hashCode() * 31 + dtype.hashCode()) * 31 + Arrays.hashCode(shape)) * 31
        + Long.hashCode(begin) * 17 + Long.hashCode(end);
  }

  @Override
  public String toString() {
    return name + " " + dtype + " " + shapeString() + " bytes [" + begin + ", " + end + ")";
  }
}
