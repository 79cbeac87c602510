package org.gqaspark.metrics;

import java.io.Serializable;

/**
 * The smallest and largest number of references over the segments summed so far, so that a
 * signature can give {@code nrefs:2}, or {@code nrefs:var} when segments differ, as sacreBLEU
 * does.
 */
public record ReferenceCount(int min, int max) implements Serializable {

  /** The count of an empty sum: no segment yet. */
  public static final ReferenceCount NONE = new ReferenceCount(Integer.MAX_VALUE, 0);

  /** Returns the count of one segment with {@code references} references. */
  public static ReferenceCount of(int references) {
    return new ReferenceCount(references, references);
  }

  /** Returns the range over both sums. */
  public ReferenceCount plus(ReferenceCount other) {
    return new ReferenceCount(Math.min(min, other.min), Math.max(max, other.max));
  }

  /** Returns the {@code nrefs} value of a signature: the count, or "var" when it varies. */
  public String signatureValue() {
    return min == max ? Integer.toString(min) : "var";
  }
}
