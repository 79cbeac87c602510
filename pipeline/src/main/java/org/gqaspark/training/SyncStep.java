package org.gqaspark.training;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.gqaspark.model.ParameterStore;

/**
 * One step of synchronous data parallelism: every partition computes the gradient of the
 * summed loss of its micro-batches with the broadcast weights, a {@link TreeSum} adds the
 * gradients and loss sums, and the driver divides by the token count of the whole global
 * batch and clips. P partitions thus give the gradient of one process up to the order of
 * the fp32 additions. The optimizer update is the caller's.
 */
final class SyncStep {

  /**
   * The step's numbers.
   *
   * @param loss mean loss per counted target token of the global batch
   * @param gradientNorm global norm of the gradient of the mean loss, before clipping
   * @param finite whether the loss and the gradient norm are finite
   */
  record Outcome(double loss, long tokens, long examples, double gradientNorm, boolean finite,
      double computeSeconds, double communicationSeconds, int workers) {}

  private SyncStep() {}

  /**
   * Computes the gradient of {@code step} into the driver store's gradients.
   *
   * @param maxGradNorm clipping threshold; 0 disables clipping
   */
  static Outcome run(JavaRDD<ShardWindow> routed, Broadcast<ModelWeights> weights,
      WorkerSpec spec, long step, ParameterStore driverStore, double maxGradNorm, int depth) {
    long start = System.nanoTime();
    JavaRDD<GradientResult> results = routed.map(window -> compute(window, step, weights,
        spec));
    GradientResult total = TreeSum.sum(results, GradientResult::plus, depth);
    double wall = (System.nanoTime() - start) / 1e9;
    if (total.tokens() == 0) {
      throw TrainingErrors.noTargetTokens(step);
    }

    double loss = total.lossSum() / total.tokens();
    double norm = Gradients.install(driverStore, total.gradients(), 1.0 / total.tokens(),
        maxGradNorm);
    return new Outcome(loss, total.tokens(), total.examples(), norm,
        Double.isFinite(loss) && Double.isFinite(norm), total.maxComputeSeconds(),
        Math.max(0, wall - total.maxComputeSeconds()), total.partitions());
  }

  /** The task of one partition: forward and backward of its micro-batches of the step. */
  static GradientResult compute(ShardWindow window, long step, Broadcast<ModelWeights> weights,
      WorkerSpec spec) {
    if (window.isEmpty()) {
      return GradientResult.empty();
    }
    long start = System.nanoTime();
    WorkerModel worker = WorkerModels.borrow(spec);
    try {
      worker.load(weights.value());
      WorkerModel.Sums sums = worker.gradients(window.microBatches(step), step,
          window.firstMicroBatch(), spec.seed());
      float[][] gradients = GradientResult.copyGradients(worker.store());
      if (window.partition() == 0 && spec.nanGradientSteps().contains(step)) {
        gradients[0][0] = Float.NaN;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new GradientResult(gradients, sums.lossSum(), sums.tokens(), sums.examples(),
          seconds, seconds, 1, sums.nonFiniteMicroBatches());
    } finally {
      WorkerModels.giveBack(spec, worker);
    }
  }
}
