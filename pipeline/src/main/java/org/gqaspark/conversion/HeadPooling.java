package org.gqaspark.conversion;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.gqaspark.checkpoint.FloatTensor;

/**
 * Builds the key or value projection of G groups from one with S heads, where G divides
 * S. The projection is a linear weight [S * d_kv, d_model]: head s owns rows
 * s * d_kv .. (s + 1) * d_kv - 1. Groups are contiguous, so group g holds heads
 * g * S/G .. (g + 1) * S/G - 1, and the result is [G * d_kv, d_model].
 *
 * <p>Dimensions: S source key/value heads (H for a multi-head layer), G target key/value
 * heads, d_kv head width, d_model model width.
 */
final class HeadPooling {

  private HeadPooling() {}

  /** Returns the mean of each group's heads, summed in double and rounded once. */
  static FloatTensor mean(FloatTensor weight, int sourceHeads, int groups, int dKv) {
    int dModel = weight.dim(1);
    int groupSize = sourceHeads / groups;
    float[] source = weight.data(); // [S * d_kv, d_model]
    FloatTensor pooled = FloatTensor.zeros(groups * dKv, dModel);
    float[] target = pooled.data(); // [G * d_kv, d_model]
    double[] sums = new double[dModel];

    for (int group = 0; group < groups; group++) {
      for (int row = 0; row < dKv; row++) {
        Arrays.fill(sums, 0);
        for (int member = 0; member < groupSize; member++) {
          int head = group * groupSize + member;
          int sourceOffset = (head * dKv + row) * dModel;
          for (int column = 0; column < dModel; column++) {
            sums[column] += source[sourceOffset + column];
          }
        }
        int targetOffset = (group * dKv + row) * dModel;
        for (int column = 0; column < dModel; column++) {
          target[targetOffset + column] = (float) (sums[column] / groupSize);
        }
      }
    }
    return pooled;
  }

  /** Returns the rows of each group's first head. */
  static FloatTensor first(FloatTensor weight, int sourceHeads, int groups, int dKv) {
    int dModel = weight.dim(1);
    int groupSize = sourceHeads / groups;
    int headFloats = dKv * dModel;
    FloatTensor picked = FloatTensor.zeros(groups * dKv, dModel); // [G * d_kv, d_model]

    for (int group = 0; group < groups; group++) {
      int head = group * groupSize;
      System.arraycopy(weight.data(), head * headFloats, picked.data(), group * headFloats,
          headFloats);
    }
    return picked;
  }

  /**
   * Returns a [G * d_kv, d_model] matrix of N(0, rms^2) values, where rms is the root mean
   * square of {@code weight}'s entries.
   */
  static FloatTensor random(FloatTensor weight, int groups, int dKv, SplittableRandom random) {
    double sumOfSquares = 0;
    for (float value : weight.data()) {
      sumOfSquares += (double) value * value;
    }
    double rms = weight.size() == 0 ? 0 : Math.sqrt(sumOfSquares / weight.size());

    FloatTensor drawn = FloatTensor.zeros(groups * dKv, weight.dim(1)); // [G * d_kv, d_model]
    float[] data = drawn.data();
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (random.nextGaussian() * rms);
    }
    return drawn;
  }
}
