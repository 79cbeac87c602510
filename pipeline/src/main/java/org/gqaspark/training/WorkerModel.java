package org.gqaspark.training;

import java.util.List;
import org.gqaspark.model.ForwardMode;
import org.gqaspark.model.LossResult;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.T5Config;
import org.gqaspark.model.T5Model;
import org.gqaspark.model.compute.FloatCompute;
import org.gqaspark.tensor.GemmBackend;
import org.gqaspark.tensor.Gemms;
import org.gqaspark.training.optim.Optimizer;

/**
 * One model replica on an executor: its compute backend (with the task's thread budget), its
 * parameters and gradients, and the layers. Built once per task slot and reused across
 * steps ({@link WorkerModels}), so a step copies the broadcast weights in place and allocates
 * nothing the size of the model except the gradient it sends back.
 */
final class WorkerModel implements AutoCloseable {

  /** Loss sums of the micro-batches of one pass. */
  record Sums(double lossSum, long tokens, long examples, int nonFiniteMicroBatches) {}

  private final FloatCompute compute;
  private final ParameterStore store;
  private final T5Model model;
  private long loadedVersion = Long.MIN_VALUE;
  private Optimizer localOptimizer; // local SGD only, built on first use

  WorkerModel(T5Config config, int threads, GemmBackend backend) {
    this.compute = new FloatCompute(threads, pool -> Gemms.onPool(backend, pool));
    this.store = ParameterStore.forModel(config, compute);
    this.model = new T5Model(config, store);
  }

  ParameterStore store() {
    return store;
  }

  int threads() {
    return compute.threads();
  }

  /** Copies the weights in unless this replica already has that version. */
  void load(ModelWeights weights) {
    if (weights.version() != loadedVersion) {
      weights.copyInto(store);
      loadedVersion = weights.version();
    }
  }

  /** Returns this replica's own optimizer for local SGD, building it on first use. */
  Optimizer localOptimizer(OptimizerSettings settings) {
    if (localOptimizer == null) {
      localOptimizer = settings.create(store);
    }
    return localOptimizer;
  }

  /** Marks the held weights as changed locally, so the next {@link #load} copies again. */
  void invalidate() {
    loadedVersion = Long.MIN_VALUE;
  }

  /**
   * Runs forward and backward over the micro-batches of one step and leaves the gradient of
   * the summed loss (scale 1) in the store, after zeroing it.
   *
   * @param firstMicroBatch index in the global batch of the first of these micro-batches,
   *     which with the step gives each micro-batch its dropout seed
   */
  Sums gradients(List<List<TrainingExample>> microBatches, long step, int firstMicroBatch,
      long seed) {
    store.zeroGradients();
    double lossSum = 0;
    long tokens = 0;
    long examples = 0;
    int nonFinite = 0;
    for (int i = 0; i < microBatches.size(); i++) {
      List<TrainingExample> batch = microBatches.get(i);
      long dropoutSeed = Seeds.derive(seed, Seeds.DROPOUT, step, firstMicroBatch + i);
      LossResult loss = model.forwardBackward(MicroBatches.pad(batch, model.config()),
          ForwardMode.train(dropoutSeed), 1.0);
      if (!Double.isFinite(loss.sum())) {
        nonFinite++;
      }
      lossSum += loss.sum();
      tokens += loss.tokens();
      examples += batch.size();
    }
    return new Sums(lossSum, tokens, examples, nonFinite);
  }

  /** Returns the summed loss of evaluation passes (no dropout, no gradients). */
  Sums evaluate(List<List<TrainingExample>> microBatches) {
    double lossSum = 0;
    long tokens = 0;
    long examples = 0;
    for (List<TrainingExample> batch : microBatches) {
      LossResult loss = model.forward(MicroBatches.pad(batch, model.config()), ForwardMode.EVAL);
      lossSum += loss.sum();
      tokens += loss.tokens();
      examples += batch.size();
    }
    return new Sums(lossSum, tokens, examples, 0);
  }

  @Override
  public void close() {
    compute.close();
  }
}
