package org.gqaspark.training;

import java.io.Serializable;

/**
 * The record drawn for one slot of a global batch.
 *
 * @param source the source's position in the mixture
 * @param epoch how many times the source was read through before this draw
 * @param index the record's index in its source
 */
public record SlotRef(int source, long epoch, long index) implements Serializable {

  private static final long serialVersionUID = 1L;
}
