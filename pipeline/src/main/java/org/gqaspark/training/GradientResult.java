package org.gqaspark.training;

import java.io.Serializable;
import java.util.List;
import org.gqaspark.model.Parameter;
import org.gqaspark.model.ParameterStore;

/**
 * The sums that the partitions of one step send back: the gradient of the summed loss (not
 * yet divided by the token count), the loss sum and the counted tokens. The driver divides
 * by the token count of the whole global batch.
 *
 * @param gradients [parameters][size] in layout order; null for a partition that computed
 *     nothing, which counts as zero
 * @param lossSum cross-entropy summed over counted target tokens
 * @param tokens counted target tokens
 * @param examples examples computed
 * @param maxComputeSeconds the longest compute time of one partition (the critical path)
 * @param totalComputeSeconds compute time summed over partitions
 * @param partitions partitions that contributed
 * @param nonFiniteMicroBatches micro-batches whose loss was NaN or infinite
 */
public record GradientResult(float[][] gradients, double lossSum, long tokens, long examples,
    double maxComputeSeconds, double totalComputeSeconds, int partitions,
    int nonFiniteMicroBatches) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Returns the result of a partition that had no examples in this step. */
  public static GradientResult empty() {
    return new GradientResult(null, 0, 0, 0, 0, 0, 1, 0);
  }

  /** Copies the gradients of a store. */
  static float[][] copyGradients(ParameterStore store) {
    List<Parameter> parameters = store.parameters();
    float[][] copies = new float[parameters.size()][];
    for (int i = 0; i < copies.length; i++) {
      copies[i] = ModelWeights.floats(parameters.get(i).gradient()).clone();
    }
    return copies;
  }

  /**
   * Returns the sum of this result and {@code other}, adding other's gradients into this
   * result's arrays (so the caller must own them, as a deserialised result is owned).
   */
  public GradientResult plus(GradientResult other) {
    float[][] sum = gradients;
    if (sum == null) {
      sum = other.gradients;
    } else if (other.gradients != null) {
      for (int p = 0; p < sum.length; p++) {
        float[] target = sum[p];
        float[] source = other.gradients[p];
        for (int i = 0; i < target.length; i++) {
          target[i] += source[i];
        }
      }
    }
    return new GradientResult(sum, lossSum + other.lossSum, tokens + other.tokens,
        examples + other.examples, Math.max(maxComputeSeconds, other.maxComputeSeconds),
        totalComputeSeconds + other.totalComputeSeconds, partitions + other.partitions,
        nonFiniteMicroBatches + other.nonFiniteMicroBatches);
  }
}
