package org.gqaspark.training;

import java.util.List;
import org.gqaspark.model.Parameter;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.training.optim.GradientClipping;

/** The gradient steps shared by the driver's update and local SGD's worker updates. */
final class Gradients {

  private Gradients() {}

  /**
   * Sets the store's gradients to {@code sums * scale} (zero where {@code sums} is null), or
   * scales the store's own gradients when {@code sums} is the store's, then clips them.
   *
   * @param sums [parameters][size] gradient sums in layout order, or null for zero
   * @param scale 1 / tokens of the batch, so the gradient is that of the mean loss
   * @param maxGradNorm clipping threshold; 0 measures the norm without clipping
   * @return the global norm before clipping
   */
  static double install(ParameterStore store, float[][] sums, double scale, double maxGradNorm) {
    List<Parameter> parameters = store.parameters();
    float factor = (float) scale;
    for (int p = 0; p < parameters.size(); p++) {
      float[] gradient = ModelWeights.floats(parameters.get(p).gradient());
      if (sums == null) {
        java.util.Arrays.fill(gradient, 0f);
        continue;
      }
      float[] source = sums[p];
      for (int i = 0; i < gradient.length; i++) {
        gradient[i] = source[i] * factor;
      }
    }
    return maxGradNorm > 0 ? GradientClipping.clipGlobalNorm(store, maxGradNorm)
        : GradientClipping.globalNorm(store);
  }

  /** Scales the store's accumulated gradients in place and clips them; returns the norm. */
  static double scaleInPlace(ParameterStore store, double scale, double maxGradNorm) {
    List<Parameter> parameters = store.parameters();
    float[][] own = new float[parameters.size()][];
    for (int p = 0; p < own.length; p++) {
      own[p] = ModelWeights.floats(parameters.get(p).gradient());
    }
    return install(store, own, scale, maxGradNorm);
  }
}
