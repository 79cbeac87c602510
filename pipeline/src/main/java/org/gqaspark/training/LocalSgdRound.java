package org.gqaspark.training;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.training.optim.LearningRateSchedule;
import org.gqaspark.training.optim.Optimizer;

/**
 * One round of local SGD (Stich, 2019; Lin et al., 2020). Every partition starts from the
 * broadcast weights and optimizer state and takes K optimizer steps on its own shards of the
 * K global batches of the round (its micro-batches, loss averaged over its own tokens). The
 * driver then averages the weights and the optimizer state arrays over the partitions.
 * Communication happens once per K steps. A partition skips its own update at a local step
 * whose loss or gradient is not finite.
 */
final class LocalSgdRound {

  /**
   * The sums of one round over partitions.
   *
   * @param weights [parameters][size] summed weights
   * @param optimizerTensors [state arrays][size] summed optimizer state
   * @param optimizerStep the smallest optimizer step count among the partitions
   * @param lossSums [K] loss sums per local step
   * @param tokens [K] counted tokens per local step
   * @param examples [K] examples per local step
   * @param gradientNorms [K] sum of the partitions' gradient norms per local step
   * @param skipped [K] partitions that skipped each local step
   */
  record Result(float[][] weights, float[][] optimizerTensors, long optimizerStep,
      double[] lossSums, long[] tokens, long[] examples, double[] gradientNorms,
      int[] skipped, double maxComputeSeconds, int partitions) implements Serializable {

    private static final long serialVersionUID = 1L;

    Result plus(Result other) {
      if (other.partitions == 0) {
        return this;
      }
      if (partitions == 0) {
        return other;
      }
      addInto(weights, other.weights);
      addInto(optimizerTensors, other.optimizerTensors);
      for (int k = 0; k < lossSums.length; k++) {
        lossSums[k] += other.lossSums[k];
        tokens[k] += other.tokens[k];
        examples[k] += other.examples[k];
        gradientNorms[k] += other.gradientNorms[k];
        skipped[k] += other.skipped[k];
      }
      return new Result(weights, optimizerTensors, Math.min(optimizerStep, other.optimizerStep),
          lossSums, tokens, examples, gradientNorms, skipped,
          Math.max(maxComputeSeconds, other.maxComputeSeconds), partitions + other.partitions);
    }

    private static void addInto(float[][] target, float[][] source) {
      for (int p = 0; p < target.length; p++) {
        for (int i = 0; i < target[p].length; i++) {
          target[p][i] += source[p][i];
        }
      }
    }
  }

  /** The round's settings that the driver sends to every partition. */
  record Plan(long firstStep, int localSteps, long totalSteps, OptimizerSettings optimizer)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private LocalSgdRound() {}

  /** Runs a round and returns the sums; the caller averages and installs them. */
  static Result run(JavaRDD<ShardWindow> routed, Broadcast<ModelWeights> weights,
      Broadcast<OptimizerSnapshot> optimizer, WorkerSpec spec, Plan plan, int depth) {
    JavaRDD<Result> results = routed.map(window -> compute(window, weights, optimizer, spec,
        plan));
    return TreeSum.sum(results, Result::plus, depth);
  }

  private static Result compute(ShardWindow window, Broadcast<ModelWeights> weights,
      Broadcast<OptimizerSnapshot> snapshot, WorkerSpec spec, Plan plan) {
    int steps = plan.localSteps();
    if (window.isEmpty()) {
      return new Result(null, null, Long.MAX_VALUE, new double[steps], new long[steps],
          new long[steps], new double[steps], new int[steps], 0, 0);
    }
    long start = System.nanoTime();
    WorkerModel worker = WorkerModels.borrow(spec);
    try {
      worker.invalidate();
      worker.load(weights.value());
      worker.invalidate();
      Optimizer optimizer = worker.localOptimizer(plan.optimizer());
      optimizer.restore(snapshot.value().toState());
      LearningRateSchedule schedule = plan.optimizer().schedule(plan.totalSteps());
      ParameterStore store = worker.store();

      double[] lossSums = new double[steps];
      long[] tokens = new long[steps];
      long[] examples = new long[steps];
      double[] norms = new double[steps];
      int[] skipped = new int[steps];
      for (int k = 0; k < steps; k++) {
        long step = plan.firstStep() + k;
        WorkerModel.Sums sums = worker.gradients(window.microBatches(step), step,
            window.firstMicroBatch(), spec.seed());
        if (window.partition() == 0 && spec.nanGradientSteps().contains(step)) {
          ModelWeights.floats(store.parameters().get(0).gradient())[0] = Float.NaN;
        }
        double norm = Gradients.scaleInPlace(store, 1.0 / Math.max(sums.tokens(), 1),
            plan.optimizer().maxGradNorm());
        lossSums[k] = sums.lossSum();
        tokens[k] = sums.tokens();
        examples[k] = sums.examples();
        norms[k] = norm;
        boolean finite = Double.isFinite(sums.lossSum()) && Double.isFinite(norm);
        if (finite && sums.tokens() > 0) {
          optimizer.step(schedule.rate(step));
        } else {
          skipped[k] = 1;
        }
      }
      OptimizerSnapshot state = OptimizerSnapshot.of(optimizer.state());
      return new Result(ModelWeights.of(store, 0).values(), state.tensors(), state.step(),
          lossSums, tokens, examples, norms, skipped, (System.nanoTime() - start) / 1e9, 1);
    } finally {
      WorkerModels.giveBack(spec, worker);
    }
  }

  /**
   * Divides the summed weights and optimizer state arrays of a result by the partitions that
   * computed them, in place.
   */
  static void averageInPlace(Result result) {
    float inverse = 1f / result.partitions();
    for (float[][] arrays : List.of(result.weights(), result.optimizerTensors())) {
      for (float[] array : arrays) {
        for (int i = 0; i < array.length; i++) {
          array[i] *= inverse;
        }
      }
    }
  }
}
