package org.gqaspark.training;

import java.io.Serializable;
import java.util.Set;
import org.gqaspark.model.T5Config;
import org.gqaspark.tensor.GemmBackend;

/**
 * The values from which a Spark task builds or finds its worker model: the model config,
 * the thread budget, the seed of the dropout masks and the run's key.
 *
 * @param key identifies the training attempt; workers are reused only within one key
 * @param config the model config
 * @param maxThreadsPerTask compute threads of one task, at most the task's cores
 *     ({@code spark.task.cpus}); 0 to use exactly the task's cores
 * @param gemmBackend the matrix-product backend, resolved on the driver (never AUTO) so
 *     that every worker and every attempt of the run computes with the same kernels
 * @param seed the run seed, from which each micro-batch's dropout seed is derived
 * @param nanGradientSteps fault injection for tests of the non-finite step handling: steps at
 *     which the workers turn one gradient value into NaN; empty in normal runs
 */
public record WorkerSpec(String key, T5Config config, int maxThreadsPerTask,
    GemmBackend gemmBackend, long seed,
    Set<Long> nanGradientSteps) implements Serializable {

  private static final long serialVersionUID = 1L;

  public WorkerSpec {
    if (maxThreadsPerTask < 0) {
      throw TrainingErrors.invalidSetting("threads-per-task", maxThreadsPerTask,
          "0 (the task's cores) or a positive number of threads");
    }
    nanGradientSteps = Set.copyOf(nanGradientSteps);
  }

  /** Returns the threads of a task that was granted {@code taskCpus} cores. */
  int threadsFor(int taskCpus) {
    int cores = Math.max(taskCpus, 1);
    return maxThreadsPerTask == 0 ? cores : Math.min(maxThreadsPerTask, cores);
  }
}
