package org.gqaspark.training;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.apache.spark.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker models of this JVM (an executor, or the driver in local mode), kept between
 * steps: a task borrows an idle replica of its run, or builds one with the task's thread
 * budget, and gives it back when done. At most as many replicas exist as tasks of the run
 * ran at once here, which is the executor's cores divided by {@code spark.task.cpus}.
 */
final class WorkerModels {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerModels.class);

  private static final Map<String, Deque<WorkerModel>> IDLE = new ConcurrentHashMap<>();

  private WorkerModels() {}

  /**
   * Returns an idle replica for the spec with the current task's thread budget, or a new one.
   * Outside a Spark task the budget is one thread.
   */
  static WorkerModel borrow(WorkerSpec spec) {
    TaskContext task = TaskContext.get();
    int threads = spec.threadsFor(task == null ? 1 : task.cpus());
    String key = spec.key() + "#" + threads;
    WorkerModel model = IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>()).poll();
    if (model == null) {
      model = new WorkerModel(spec.config(), threads, spec.gemmBackend());
      LOG.info("Built a worker model for {} with {} threads ({} parameters).", spec.key(),
          threads, model.store().parameterCount());
    }
    return model;
  }

  /** Makes a borrowed replica available to the next task of its run. */
  static void giveBack(WorkerSpec spec, WorkerModel model) {
    String key = spec.key() + "#" + model.threads();
    IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>()).push(model);
  }

  /**
   * Closes the idle replicas of a run, releasing their compute threads.
   *
   * @return how many were closed
   */
  static int release(String runKey) {
    List<WorkerModel> closed = new ArrayList<>();
    IDLE.forEach((key, models) -> {
      if (key.startsWith(runKey + "#")) {
        for (WorkerModel model = models.poll(); model != null; model = models.poll()) {
          closed.add(model);
        }
      }
    });
    IDLE.keySet().removeIf(key -> key.startsWith(runKey + "#"));
    closed.forEach(WorkerModel::close);
    if (!closed.isEmpty()) {
      LOG.info("Released {} worker models of {}.", closed.size(), runKey);
    }
    return closed.size();
  }
}
