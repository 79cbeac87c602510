package org.gqaspark.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Measures the fp32 fused multiply-add rate one core reaches from Java: a loop of
 * independent vector FMAs on registers only, no memory traffic. It is the peak the JVM can
 * reach with the preferred species on this machine at this moment (clock, power state and
 * neighbours on the same physical core included), not the data-sheet peak.
 */
public final class FmaPeak {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int STEPS_PER_CALL = 512;
  /** Rate above which the loop runs compiled: interpreted Vector API code stays below 1. */
  private static final double COMPILED_GFLOPS = 5;
  /** Maximum measurement time, for a machine so busy that the loop is never compiled. */
  private static final long MAX_MILLIS = 10_000;

  private FmaPeak() {}

  /**
   * Runs the FMA loop on the calling thread and returns its best rate in GFLOPS (a
   * multiply-add counts as two operations). The loop runs interpreted, at a small fraction of
   * the peak, until the JIT compiler has compiled it, which can take seconds on a busy
   * machine. So it runs until the rate has exceeded {@value #COMPILED_GFLOPS} GFLOPS and then
   * not improved by 1% for {@code millis} milliseconds, or for at most
   * {@value #MAX_MILLIS} ms.
   */
  public static double measureGflopsPerCore(long millis) {
    long start = System.nanoTime();
    long lastImprovement = start;
    double best = 0;
    float sink = 0;
    while (true) {
      long callStart = System.nanoTime();
      sink += run(STEPS_PER_CALL);
      long now = System.nanoTime();
      double rate = 2.0 * 12 * SPECIES.length() * STEPS_PER_CALL / Math.max(1, now - callStart);
      if (rate > best * 1.01) {
        lastImprovement = now;
      }
      best = Math.max(best, rate);
      boolean settled = best > COMPILED_GFLOPS && now - lastImprovement > millis * 1_000_000L;
      if (settled || now - start > MAX_MILLIS * 1_000_000L) {
        break;
      }
    }
    if (Float.isNaN(sink)) {
      // Uses the result so the loop cannot be removed; never true for these inputs.
      throw new IllegalStateException("FMA loop produced NaN");
    }
    return best;
  }

  /**
   * Twelve independent accumulators: enough to cover an FMA latency of 4 to 6 cycles on two
   * FMA units, few enough to stay in registers on 16-register AVX2 machines too.
   */
  private static float run(int steps) {
    FloatVector x = FloatVector.broadcast(SPECIES, 0.999f);
    FloatVector y = FloatVector.broadcast(SPECIES, 1e-3f);
    FloatVector c0 = FloatVector.broadcast(SPECIES, 0.1f);
    FloatVector c1 = c0.add(0.1f);
    FloatVector c2 = c0.add(0.2f);
    FloatVector c3 = c0.add(0.3f);
    FloatVector c4 = c0.add(0.4f);
    FloatVector c5 = c0.add(0.5f);
    FloatVector c6 = c0.add(0.6f);
    FloatVector c7 = c0.add(0.7f);
    FloatVector c8 = c0.add(0.8f);
    FloatVector c9 = c0.add(0.9f);
    FloatVector c10 = c0.add(1.0f);
    FloatVector c11 = c0.add(1.1f);

    for (int i = 0; i < steps; i++) {
      c0 = c0.fma(x, y);
      c1 = c1.fma(x, y);
      c2 = c2.fma(x, y);
      c3 = c3.fma(x, y);
      c4 = c4.fma(x, y);
      c5 = c5.fma(x, y);
      c6 = c6.fma(x, y);
      c7 = c7.fma(x, y);
      c8 = c8.fma(x, y);
      c9 = c9.fma(x, y);
      c10 = c10.fma(x, y);
      c11 = c11.fma(x, y);
    }

    FloatVector total = c0.add(c1).add(c2).add(c3).add(c4).add(c5)
        .add(c6).add(c7).add(c8).add(c9).add(c10).add(c11);
    return total.reduceLanes(VectorOperators.ADD);
  }
}
