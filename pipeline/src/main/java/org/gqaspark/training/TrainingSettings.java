package org.gqaspark.training;

import java.util.Set;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.tensor.GemmBackend;

/**
 * Validated settings of one training run. The jobs read them from the {@code train} block
 * of their HOCON file ({@code conf/pretrain.conf} documents every key).
 *
 * @param runId keys the run's checkpoints directory and table rows
 * @param phase pretrain, uptrain or finetune
 * @param parentRunId the run that wrote the initial checkpoint, or null
 * @param runDirectory where the checkpoints go: {@code checkpoint-<step>} folders; a local
 *     path or Hadoop URI
 * @param steps total training steps
 * @param pretrainingSteps pretraining steps at the root of this run's lineage, recorded in
 *     every checkpoint for uptraining runs to size themselves; 0 when unknown
 * @param layout global batch, micro-batch and partitions
 * @param seed seeds the data order, span noise, dropout and random initialisation
 * @param windowSteps steps whose examples are routed to the partitions at once
 * @param optimizer optimizer, schedule and clipping
 * @param localSgdSteps 1 for synchronous data parallelism; K > 1 for local SGD, where each
 *     partition takes K steps on its own shards and the driver then averages weights and
 *     optimizer state
 * @param aggregationDepth depth of the tree that sums the gradients (at least 1)
 * @param threadsPerTask compute threads per task, at most {@code spark.task.cpus}; 0 for
 *     exactly the task's cores
 * @param driverThreads threads of the optimizer update on the driver
 * @param gemmBackend matrix products: java, native, scalar, or auto (the driver measures
 *     once and the run keeps the result, also when it resumes)
 * @param checkpointEvery steps between checkpoints
 * @param keepCheckpoints complete checkpoints kept (the newest ones)
 * @param logEvery steps between progress lines
 * @param validationEvery steps between validation passes; 0 for only the first and last
 * @param validationBatchSize examples per evaluation pass
 * @param stepsFlushEvery steps between writes of the training_steps table
 * @param maxConsecutiveNonFiniteSteps the run fails when this many consecutive steps have
 *     a NaN or infinite loss or gradient
 * @param tables the tables root, or null to write no tables
 * @param vocabulary a file copied into every checkpoint (spiece.model), or null
 * @param nanGradientSteps fault injection for tests: steps whose gradient gets a NaN
 */
public record TrainingSettings(RunId runId, String phase, String parentRunId,
    String runDirectory, long steps, long pretrainingSteps, ShardLayout layout, long seed,
    int windowSteps, OptimizerSettings optimizer, int localSgdSteps, int aggregationDepth,
    int threadsPerTask, int driverThreads, GemmBackend gemmBackend, long checkpointEvery,
    int keepCheckpoints, long logEvery, long validationEvery, int validationBatchSize,
    long stepsFlushEvery, int maxConsecutiveNonFiniteSteps, TableLocations tables,
    String vocabulary, Set<Long> nanGradientSteps) {

  public TrainingSettings {
    require(runId != null, "run-id", null, "set");
    require(phase != null && !phase.isBlank(), "phase", phase, "pretrain, uptrain or finetune");
    require(runDirectory != null && !runDirectory.isBlank(), "output-dir", runDirectory,
        "a folder path or URI");
    require(steps >= 1, "steps", steps, "at least 1");
    require(pretrainingSteps >= 0, "pretraining steps", pretrainingSteps, ">= 0");
    require(windowSteps >= 1, "data.window-steps", windowSteps, "at least 1");
    require(localSgdSteps >= 1, "local-sgd.local-steps", localSgdSteps,
        "at least 1 (1 is synchronous training)");
    require(aggregationDepth >= 1, "aggregation-depth", aggregationDepth, "at least 1");
    require(threadsPerTask >= 0, "threads-per-task", threadsPerTask,
        "0 (the task's cores) or a positive number");
    require(driverThreads >= 1, "driver-threads", driverThreads, "at least 1");
    require(checkpointEvery >= 1, "checkpoint.every", checkpointEvery, "at least 1");
    require(keepCheckpoints >= 1, "checkpoint.keep", keepCheckpoints, "at least 1");
    require(logEvery >= 1, "log-every", logEvery, "at least 1");
    require(validationEvery >= 0, "validation.every", validationEvery,
        ">= 0 (0 validates only before the first and after the last step)");
    require(validationBatchSize >= 1, "validation.batch-size", validationBatchSize,
        "at least 1");
    require(stepsFlushEvery >= 1, "steps-table-flush-every", stepsFlushEvery, "at least 1");
    require(maxConsecutiveNonFiniteSteps >= 1, "max-consecutive-nonfinite-steps",
        maxConsecutiveNonFiniteSteps, "at least 1");
    require(optimizer != null, "optimizer", null, "set");
    require(gemmBackend != null, "gemm-backend", null, "auto, java, native or scalar");
    nanGradientSteps = Set.copyOf(nanGradientSteps);
  }

  private static void require(boolean valid, String key, Object value, String requirement) {
    if (!valid) {
      throw TrainingErrors.invalidSetting(key, value, requirement);
    }
  }

  /** Returns whether each step is synchronous data parallelism. */
  public boolean synchronous() {
    return localSgdSteps == 1;
  }
}
