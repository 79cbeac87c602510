package org.gqaspark.spark;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the progress of a job's Spark stages: tasks done, rate and estimated time left, at most
 * once per interval per stage, and the duration of stages that ran longer than the interval.
 * Register it for the duration of a job:
 *
 * <pre>
 * try (StageProgressLogger progress = StageProgressLogger.attach(spark, "tokenize", interval)) {
 *   ... actions ...
 * }
 * </pre>
 */
public final class StageProgressLogger extends SparkListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StageProgressLogger.class);

  /** Progress of one stage attempt. */
  private static final class Stage {
    final String name;
    final int tasks;
    final long startNanos = System.nanoTime();
    int done;
    long lastLogNanos = startNanos;

    Stage(String name, int tasks) {
      this.name = name;
      this.tasks = tasks;
    }
  }

  private final SparkSession spark;
  private final String job;
  private final long intervalNanos;
  private final Map<Integer, Stage> stages = new ConcurrentHashMap<>();

  private StageProgressLogger(SparkSession spark, String job, Duration interval) {
    this.spark = spark;
    this.job = job;
    this.intervalNanos = interval.toNanos();
  }

  /** Registers a logger on the session's listener bus; close it to unregister. */
  public static StageProgressLogger attach(SparkSession spark, String job, Duration interval) {
    StageProgressLogger logger = new StageProgressLogger(spark, job, interval);
    spark.sparkContext().addSparkListener(logger);
    return logger;
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted event) {
    var info = event.stageInfo();
    stages.put(info.stageId(), new Stage(info.name(), info.numTasks()));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd event) {
    Stage stage = stages.get(event.stageId());
    if (stage == null || !event.taskInfo().successful()) {
      return;
    }
    synchronized (stage) {
      stage.done++;
      long now = System.nanoTime();
      if (now - stage.lastLogNanos < intervalNanos || stage.done == stage.tasks) {
        return;
      }
      stage.lastLogNanos = now;
      double seconds = (now - stage.startNanos) / 1e9;
      double rate = stage.done / seconds;
      double eta = (stage.tasks - stage.done) / rate;
      LOG.info("{}: stage {} ({}): {}/{} tasks done, {} tasks/s, about {} s left", job,
          event.stageId(), stage.name, stage.done, stage.tasks, String.format("%.2f", rate),
          Math.round(eta));
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted event) {
    var info = event.stageInfo();
    Stage stage = stages.remove(info.stageId());
    // Short stages (Delta's log reads, small writes) would only add noise.
    boolean longStage = stage != null && System.nanoTime() - stage.startNanos >= intervalNanos;
    if (longStage && info.failureReason().isEmpty()) {
      LOG.info("{}: stage {} ({}) finished: {} tasks in {} s", job, info.stageId(), stage.name,
          stage.tasks, String.format("%.1f", (System.nanoTime() - stage.startNanos) / 1e9));
    }
  }

  /** Unregisters the logger. */
  @Override
  public void close() {
    spark.sparkContext().removeSparkListener(this);
  }
}
