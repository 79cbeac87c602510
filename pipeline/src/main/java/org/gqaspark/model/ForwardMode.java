package org.gqaspark.model;

/**
 * Mode of a forward pass. Training applies dropout with masks derived from {@code seed}, so
 * a new seed per step gives new masks. Evaluation applies no dropout.
 */
public record ForwardMode(boolean training, long seed) {

  public static final ForwardMode EVAL = new ForwardMode(false, 0L);

  public static ForwardMode train(long seed) {
    return new ForwardMode(true, seed);
  }
}
