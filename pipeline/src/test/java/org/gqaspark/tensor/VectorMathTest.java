package org.gqaspark.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

class VectorMathTest {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  @Test
  void expWithinOneUlp() {
    SplittableRandom random = new SplittableRandom(1);
    float[] x = new float[SPECIES.length()];
    float[] y = new float[SPECIES.length()];
    double worst = 0;
    for (int round = 0; round < 20_000; round++) {
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (random.nextDouble() * 175 - 87);
      }
      VectorMath.exp(FloatVector.fromArray(SPECIES, x, 0)).intoArray(y, 0);
      for (int i = 0; i < x.length; i++) {
        float expected = (float) Math.exp(x[i]);
        worst = Math.max(worst, Math.abs(y[i] - expected) / Math.ulp(expected));
      }
    }
    assertTrue(worst <= 1.0, "worst error " + worst + " ulp");
  }

  @Test
  void expSpecialValues() {
    float[] x = fill(Float.NEGATIVE_INFINITY, -100f, 0f, 100f, Float.NaN);
    float[] y = new float[x.length];
    VectorMath.exp(FloatVector.fromArray(SPECIES, x, 0)).intoArray(y, 0);

    assertEquals(0f, y[0]);
    assertEquals(0f, y[1]);
    assertEquals(1f, y[2]);
    assertEquals(Float.POSITIVE_INFINITY, y[3]);
    assertTrue(Float.isNaN(y[4]));
  }

  @Test
  void tanhWithinTwoUlpOfOne() {
    SplittableRandom random = new SplittableRandom(2);
    float[] x = new float[SPECIES.length()];
    float[] y = new float[SPECIES.length()];
    double worst = 0;
    for (int round = 0; round < 20_000; round++) {
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (random.nextGaussian() * 4);
      }
      VectorMath.tanh(FloatVector.fromArray(SPECIES, x, 0)).intoArray(y, 0);
      for (int i = 0; i < x.length; i++) {
        worst = Math.max(worst, Math.abs(y[i] - Math.tanh(x[i])));
      }
    }
    assertTrue(worst <= 2 * Math.ulp(1f), "worst absolute error " + worst);
  }

  @Test
  void tanhOddAndSaturating() {
    float[] x = fill(-0.5f, 0.5f, 30f, -30f, Float.NaN);
    float[] y = new float[x.length];
    VectorMath.tanh(FloatVector.fromArray(SPECIES, x, 0)).intoArray(y, 0);

    assertEquals(-y[1], y[0]);
    assertEquals(1f, y[2]);
    assertEquals(-1f, y[3]);
    assertTrue(Float.isNaN(y[4]));
  }

  /** Returns one vector's worth of values: the given ones, then zeros. */
  private static float[] fill(float... values) {
    float[] x = new float[Math.max(SPECIES.length(), values.length)];
    System.arraycopy(values, 0, x, 0, values.length);
    return x;
  }
}
