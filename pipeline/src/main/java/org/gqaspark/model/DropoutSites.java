package org.gqaspark.model;

import org.gqaspark.model.compute.Compute;

/** Numbers the dropout sites of one model in construction order, so each gets its own mask. */
final class DropoutSites {

  private final Compute compute;
  private final double rate;
  private int count;

  DropoutSites(Compute compute, double rate) {
    this.compute = compute;
    this.rate = rate;
  }

  Dropout next() {
    return new Dropout(compute, rate, count++);
  }
}
