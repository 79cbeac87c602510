package org.gqaspark.training.optim;

import org.gqaspark.model.ParameterStore;
import org.gqaspark.training.optim.HostParameters.Slot;

/**
 * Adam with decoupled weight decay, with the update of PyTorch's
 * {@code torch.optim.AdamW} (1.13), for step t and learning rate lr:
 *
 * <pre>
 *   p = p * (1 - lr * weight_decay)
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * Weight decay applies to every parameter. State per parameter: {@code <name>.exp_avg} (m)
 * and {@code <name>.exp_avg_sq} (v).
 */
public final class AdamW extends StatefulOptimizer {

  private final AdamWOptions options;

  public AdamW(ParameterStore store, AdamWOptions options) {
    super("AdamW", store);
    this.options = options;
    for (Slot slot : parameters.slots()) {
      state.put(slot.name() + ".exp_avg", new float[slot.values().length]);
      state.put(slot.name() + ".exp_avg_sq", new float[slot.values().length]);
    }
  }

  @Override
  public void step(double learningRate) {
    steps++;
    // Coefficients in double first: 1 - 0.999f has only four correct digits in float32.
    float beta1 = (float) options.beta1();
    float beta2 = (float) options.beta2();
    float mix1 = (float) (1.0 - options.beta1());
    float mix2 = (float) (1.0 - options.beta2());
    float epsilon = (float) options.epsilon();
    float decay = (float) (1.0 - learningRate * options.weightDecay());
    float stepSize = (float) (learningRate / (1.0 - Math.pow(options.beta1(), steps)));
    float correction2Sqrt = (float) Math.sqrt(1.0 - Math.pow(options.beta2(), steps));
    for (Slot slot : parameters.slots()) {
      float[] p = slot.values();
      float[] g = slot.gradients();
      float[] m = state.get(slot.name() + ".exp_avg");
      float[] v = state.get(slot.name() + ".exp_avg_sq");
      parameters.pool().parallelForRanges(p.length, HostParameters.CHUNK, (start, end) -> {
        for (int i = start; i < end; i++) {
          float gradient = g[i];
          m[i] = beta1 * m[i] + mix1 * gradient;
          v[i] = beta2 * v[i] + mix2 * gradient * gradient;
          float denominator = (float) Math.sqrt(v[i]) / correction2Sqrt + epsilon;
          p[i] = p[i] * decay - stepSize * m[i] / denominator;
        }
      });
    }
  }

  @Override
  public String description() {
    return name() + options;
  }
}
