package org.gqaspark.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.SplittableRandom;
import org.gqaspark.checkpoint.FloatTensor;
import org.junit.jupiter.api.Test;

class HeadPoolingTest {

  private static double rms(float[] values) {
    double sum = 0;
    for (float value : values) {
      sum += (double) value * value;
    }
    return Math.sqrt(sum / values.length);
  }

  @Test
  void randomMatchesSourceScale() {
    // Source: 8 heads of d_kv 64 over d_model 256, values of rms 0.5 (constant magnitude).
    FloatTensor source = FloatTensor.zeros(8 * 64, 256);
    Random signs = new Random(1);
    for (int i = 0; i < source.size(); i++) {
      source.data()[i] = signs.nextBoolean() ? 0.5f : -0.5f;
    }

    FloatTensor drawn = HeadPooling.random(source, 2, 64, new SplittableRandom(7));

    assertEquals(2 * 64, drawn.dim(0));
    // 32768 normal draws: the sample rms is within 2% of 0.5 with overwhelming probability.
    assertEquals(0.5, rms(drawn.data()), 0.01);
  }
}
