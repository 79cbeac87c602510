package org.gqaspark.model;

import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.DropoutMask;
import org.gqaspark.model.compute.Tensor;

/**
 * One place where T5 applies dropout, with its own site number so that its mask differs
 * from every other site's in the same step. The mask is a function of the step's seed and
 * the site, so backward recomputes it instead of storing it.
 */
final class Dropout {

  private final Compute compute;
  private final double rate;
  private final int site;
  private boolean applied;
  private long seed;

  Dropout(Compute compute, double rate, int site) {
    this.compute = compute;
    this.rate = rate;
    this.site = site;
  }

  /** Returns whether a pass in {@code mode} drops anything at this site. */
  boolean active(ForwardMode mode) {
    return mode.training() && rate > 0;
  }

  /** y = mask * x / (1 - rate), in place; the identity in evaluation or when rate is 0. */
  void forward(Tensor x, ForwardMode mode) {
    applied = active(mode);
    if (applied) {
      seed = DropoutMask.siteSeed(mode.seed(), site);
      compute.dropout(x, rate, seed);
    }
  }

  /** dx = mask * dy / (1 - rate), in place, with the mask of the last forward. */
  void backward(Tensor dy) {
    if (applied) {
      compute.dropout(dy, rate, seed);
    }
  }

  /** Applies the last forward's mask to another tensor, to recompute a dropped activation. */
  void reapply(Tensor x) {
    backward(x);
  }

  boolean applied() {
    return applied;
  }
}
