package org.gqaspark.training;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.checkpoint.CheckpointState;
import org.gqaspark.checkpoint.T5Checkpoints;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.T5Config;
import org.gqaspark.model.T5Initializer;
import org.gqaspark.model.compute.FloatCompute;
import org.gqaspark.tensor.GemmBackend;
import org.gqaspark.tensor.Gemms;
import org.gqaspark.training.optim.LearningRateSchedule;
import org.gqaspark.training.optim.Optimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a T5 model data-parallel on Spark. Per step (synchronous mode): broadcast the
 * weights, compute the gradients of the partitions' shards of the global batch, sum them in
 * a tree, divide by the global batch's token count, clip, update once on the driver. With
 * local SGD, a round of K local steps replaces the step and the driver averages instead.
 *
 * <p>Around the steps: the data of each window of steps is routed to its partitions
 * ({@link WindowRouting}); a step with a non-finite loss or gradient is skipped and counted,
 * and the run fails after too many in a row; validation runs every M steps and at the end;
 * every N steps the training_steps rows are written and a checkpoint is committed, from
 * which a restarted job resumes with the same data order, optimizer state and counters, so
 * that it ends with the weights of an uninterrupted run. Step boundaries of windows and
 * local SGD rounds are multiples of their lengths (and checkpoints cut rounds), so a resumed
 * run cuts them where an uninterrupted one does.
 */
public final class DataParallelTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(DataParallelTrainer.class);

  private final SparkSession spark;
  private final JavaSparkContext jsc;
  private final TrainingSettings settings;
  private final List<TrainingSource> sources;
  private final ValidationData validationData;
  private final FileSystem fs;
  private final Path runDir;
  private final Path vocabulary;
  private final Consumer<StepRecord> stepListener;

  // Set up by run().
  private FloatCompute driverCompute;
  private GemmBackend gemmBackend;
  private T5Config config;
  private ParameterStore store;
  private Optimizer optimizer;
  private LearningRateSchedule schedule;
  private LoopState loop;
  private WorkerSpec spec;
  private TrainingStepsTable stepsTable;
  private ValidationSet validationSet;
  private ProgressLog progress;
  private Broadcast<ModelWeights> weights;
  private long weightsBroadcastVersion = Long.MIN_VALUE;
  private double firstValidationLoss = Double.NaN;
  private double validationLoss = Double.NaN;
  private double lastLoss = Double.NaN;
  private long lastValidatedStep = -1;
  private long lastCheckpointStep = -1;
  private String lastCheckpoint;
  private long tokensTrained;

  private DataParallelTrainer(SparkSession spark, TrainingSettings settings,
      List<TrainingSource> sources, ValidationData validationData,
      Consumer<StepRecord> stepListener) throws IOException {
    this.spark = spark;
    this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.settings = settings;
    this.sources = List.copyOf(sources);
    this.validationData = validationData;
    this.runDir = new Path(settings.runDirectory());
    this.fs = runDir.getFileSystem(spark.sparkContext().hadoopConfiguration());
    this.vocabulary = settings.vocabulary() == null ? null : new Path(settings.vocabulary());
    this.stepListener = stepListener;
  }

  /**
   * Runs (or resumes) the training run and returns what it did.
   *
   * @param validation held-out sources, or null for none
   * @param init where a fresh run's weights come from; ignored when the run directory has a
   *     complete checkpoint, which is resumed
   * @throws TrainingErrors.NonFiniteStepsException after too many consecutive skipped steps
   * @throws IllegalArgumentException when the settings or the checkpoint to resume disagree
   */
  public static TrainingOutcome run(SparkSession spark, TrainingSettings settings,
      List<TrainingSource> sources, ValidationData validation, ModelInit init)
      throws IOException {
    return run(spark, settings, sources, validation, init, record -> { });
  }

  /**
   * Runs the training run as {@link #run(SparkSession, TrainingSettings, List,
   * ValidationData, ModelInit)} does, and passes every step's and validation's record to
   * {@code stepListener} (benchmarks time the steps with it).
   */
  public static TrainingOutcome run(SparkSession spark, TrainingSettings settings,
      List<TrainingSource> sources, ValidationData validation, ModelInit init,
      Consumer<StepRecord> stepListener) throws IOException {
    if (sources.isEmpty()) {
      throw TrainingErrors.invalidSetting("data.train", "[]", "one or more sources");
    }
    if (sources.size() > Short.MAX_VALUE) {
      throw TrainingErrors.invalidSetting("data.train", sources.size() + " sources",
          "at most " + Short.MAX_VALUE);
    }
    return new DataParallelTrainer(spark, settings, sources, validation, stepListener)
        .run(init);
  }

  private TrainingOutcome run(ModelInit init) throws IOException {
    long start = System.nanoTime();
    logSettings();
    long resumedFrom = 0;
    try {
      Optional<CheckpointState> newest = TrainingCheckpoints.newest(fs, runDir);
      gemmBackend = chooseBackend(newest.isEmpty() ? Optional.empty()
          : TrainingCheckpoints.readTrainerState(fs, newest.get().dir()));
      driverCompute = new FloatCompute(settings.driverThreads(),
          pool -> Gemms.onPool(gemmBackend, pool));
      resumedFrom = prepareModel(newest, init);
      if (loop.step >= settings.steps()) {
        LOG.info("Run {} is already complete at step {}: nothing to train.", settings.runId(),
            loop.step);
        return outcome(resumedFrom, start);
      }
      spec = new WorkerSpec(settings.runId().value() + "-" + UUID.randomUUID(), config,
          settings.threadsPerTask(), gemmBackend, settings.seed(), settings.nanGradientSteps());
      schedule = settings.optimizer().schedule(settings.steps());
      progress = new ProgressLog(settings.runId().value(), settings.steps(),
          settings.logEvery(), loop.step + 1);
      if (settings.tables() != null) {
        stepsTable = new TrainingStepsTable(spark, settings.tables(), settings.runId());
        stepsTable.deleteAfter(loop.step);
      }
      train();
      return outcome(resumedFrom, start);
    } catch (RuntimeException | IOException e) {
      flushAfterFailure(e);
      throw e;
    } finally {
      release();
    }
  }

  // ---- Setup ----

  /**
   * Returns the matrix-product backend: the one the run started with when it resumes and
   * the setting is auto, else the setting resolved in this JVM.
   */
  private GemmBackend chooseBackend(Optional<TrainerState> saved) {
    GemmBackend requested = settings.gemmBackend();
    if (saved.isPresent()) {
      GemmBackend previous = GemmBackend.parse(saved.get().gemmBackend());
      if (requested == GemmBackend.AUTO) {
        LOG.info("Run {} keeps the sgemm backend it started with: {}.", settings.runId(),
            previous);
        return previous;
      }
      if (requested != previous) {
        LOG.warn("Run {} started with the sgemm backend {} and resumes with {}: the weights"
            + " will differ in the last bits from those of an uninterrupted run.",
            settings.runId(), previous, requested);
      }
      return requested;
    }
    GemmBackend resolved = GemmChoice.resolve(requested, Math.max(1, settings.threadsPerTask()));
    LOG.info("Run {} computes with the sgemm backend {} (setting {}).", settings.runId(),
        resolved, requested);
    return resolved;
  }

  /** Loads the newest complete checkpoint of the run, or initialises; returns its step. */
  private long prepareModel(Optional<CheckpointState> newest, ModelInit init)
      throws IOException {
    if (newest.isPresent()) {
      TrainingCheckpoints.Loaded loaded = TrainingCheckpoints.load(fs, newest.get().dir(),
          driverCompute);
      ResumeChecks.requireCompatible(loaded.trainer(), settings, sources,
          newest.get().dir().toString());
      config = loaded.config();
      store = loaded.parameters();
      optimizer = settings.optimizer().create(store);
      optimizer.restore(loaded.optimizer());
      loop = LoopState.from(loaded.trainer());
      lastCheckpointStep = loop.step;
      lastCheckpoint = newest.get().dir().toString();
      LOG.info("Run {} resumes from {} at step {} ({} updates, {} skipped steps).",
          settings.runId(), newest.get().dir(), loop.step, optimizer.steps(),
          loop.skippedSteps);
      return loop.step;
    }
    if (init instanceof ModelInit.Random random) {
      config = random.config();
      store = ParameterStore.forModel(config, driverCompute);
      T5Initializer.initialize(store, config, random.seed());
      LOG.info("Run {} starts from random weights (seed {}).", settings.runId(), random.seed());
    } else if (init instanceof ModelInit.Checkpoint checkpoint) {
      Path dir = new Path(checkpoint.path());
      T5Checkpoints.LoadedModel loaded = T5Checkpoints.load(dir.getFileSystem(fs.getConf()),
          dir, driverCompute);
      config = checkpoint.dropoutRate() == null ? loaded.config()
          : loaded.config().withDropoutRate(checkpoint.dropoutRate());
      store = loaded.parameters();
      LOG.info("Run {} starts from checkpoint {}.", settings.runId(), dir);
    }
    optimizer = settings.optimizer().create(store);
    loop = LoopState.fresh(sources.size());
    LOG.info("Model: {}; {} parameters; optimizer {}.", ModelShapes.describe(config),
        store.parameterCount(), optimizer.description());
    return 0;
  }

  private void logSettings() {
    LOG.info("Training run {} ({}): {} steps, global batch {} in micro-batches of {}, {}"
        + " partitions, {}, seed {}, windows of {} steps, checkpoints every {} steps to {}"
        + " (keeping {}), validation every {} steps, tables {}, at most {} consecutive"
        + " non-finite steps", settings.runId(), settings.phase(), settings.steps(),
        settings.layout().batchSize(), settings.layout().microBatchSize(),
        settings.layout().partitions(),
        settings.synchronous() ? "synchronous updates"
            : "local SGD with " + settings.localSgdSteps() + " local steps",
        settings.seed(), settings.windowSteps(), settings.checkpointEvery(),
        settings.runDirectory(), settings.keepCheckpoints(), settings.validationEvery(),
        settings.tables() == null ? "off" : settings.tables().root(),
        settings.maxConsecutiveNonFiniteSteps());
    LOG.info("Optimizer: {}", settings.optimizer().describe());
    for (TrainingSource source : sources) {
      LOG.info("Training source {}: {} records, rate {}, {}", source.label(), source.size(),
          source.rate(), source.objective().describe());
    }
    if (validationData != null) {
      for (TrainingSource source : validationData.sources()) {
        LOG.info("Validation source {}: first {} of {} records, {}, seed {}", source.label(),
            Math.min(source.size(), validationData.maxExamples()), source.size(),
            source.objective().describe(), validationData.seed());
      }
    }
    if (!settings.nanGradientSteps().isEmpty()) {
      LOG.warn("Fault injection: NaN gradients at steps {}.", settings.nanGradientSteps());
    }
  }

  // ---- Training loop ----

  private void train() throws IOException {
    if (validationData != null) {
      validationSet = ValidationSet.build(jsc, validationData.sources(),
          validationData.maxExamples(), settings.layout().partitions(), validationData.seed());
      if (loop.step == 0) {
        validate();
        firstValidationLoss = validationLoss;
      }
    }
    MixtureSampler sampler = new MixtureSampler(settings.seed(),
        sources.stream().mapToDouble(TrainingSource::rate).toArray(),
        sources.stream().mapToLong(TrainingSource::size).toArray());
    while (loop.step < settings.steps()) {
      long first = loop.step + 1;
      long end = Math.min(nextMultiple(first, settings.windowSteps()), settings.steps());
      WindowPlan plan = WindowPlan.draw(sampler, first, (int) (end - first + 1),
          settings.layout().batchSize(), loop.consumed);
      Broadcast<WindowPlan> planBroadcast = jsc.broadcast(plan);
      long routeStart = System.nanoTime();
      jsc.setJobDescription("route examples of steps " + first + ".." + end);
      JavaRDD<ShardWindow> routed = WindowRouting.route(jsc, sources, planBroadcast,
          settings.layout(), settings.seed());
      LOG.info("Routed the examples of steps {}..{} to {} partitions in {} s.", first, end,
          settings.layout().partitions(),
          String.format("%.2f", (System.nanoTime() - routeStart) / 1e9));
      try {
        while (loop.step < end) {
          if (settings.synchronous()) {
            synchronousStep(routed, plan);
          } else {
            localSgdRound(routed, plan, end);
          }
        }
      } finally {
        routed.unpersist(false);
        planBroadcast.destroy();
      }
    }
    if (lastValidatedStep != loop.step && validationSet != null) {
      validate();
    }
    if (lastCheckpointStep != loop.step) {
      checkpoint();
    }
    flushSteps();
  }

  private void synchronousStep(JavaRDD<ShardWindow> routed, WindowPlan plan) throws IOException {
    long step = loop.step + 1;
    long start = System.nanoTime();
    jsc.setJobDescription("step " + step);
    SyncStep.Outcome outcome = SyncStep.run(routed, currentWeights(), spec, step, store,
        settings.optimizer().maxGradNorm(), settings.aggregationDepth());
    double learningRate = schedule.rate(step);
    boolean skipped = !outcome.finite();
    if (!skipped) {
      optimizer.step(learningRate);
      loop.weightsVersion++;
    }
    loop.step = step;
    loop.consumed = plan.consumedAfter(step);
    finishStep(step, outcome.loss(), learningRate, outcome.gradientNorm(), outcome.tokens(),
        outcome.examples(), outcome.computeSeconds(), outcome.communicationSeconds(),
        outcome.workers(), skipped, (System.nanoTime() - start) / 1e9);
    afterStep(step, step);
  }

  private void localSgdRound(JavaRDD<ShardWindow> routed, WindowPlan plan, long windowEnd)
      throws IOException {
    long first = loop.step + 1;
    long last = Math.min(Math.min(nextMultiple(first, settings.localSgdSteps()),
        nextMultiple(first, settings.checkpointEvery())), windowEnd);
    int steps = (int) (last - first + 1);
    long start = System.nanoTime();
    jsc.setJobDescription("local SGD steps " + first + ".." + last);
    Broadcast<OptimizerSnapshot> optimizerState =
        jsc.broadcast(OptimizerSnapshot.of(optimizer.state()));
    LocalSgdRound.Result result;
    try {
      result = LocalSgdRound.run(routed, currentWeights(), optimizerState, spec,
          new LocalSgdRound.Plan(first, steps, settings.steps(), settings.optimizer()),
          settings.aggregationDepth());
    } finally {
      optimizerState.destroy();
    }
    LocalSgdRound.averageInPlace(result);
    new ModelWeights(0, result.weights()).copyInto(store);
    OptimizerSnapshot averaged = OptimizerSnapshot.of(optimizer.state());
    optimizer.restore(new OptimizerSnapshot(result.optimizerStep(), averaged.names(),
        result.optimizerTensors()).toState());
    loop.weightsVersion++;
    double wall = (System.nanoTime() - start) / 1e9;

    for (int k = 0; k < steps; k++) {
      long step = first + k;
      double loss = result.lossSums()[k] / Math.max(result.tokens()[k], 1);
      boolean skipped = result.skipped()[k] > 0;
      loop.step = step;
      loop.consumed = plan.consumedAfter(step);
      // The round's times go to its last step, where the communication happens.
      boolean closesRound = k == steps - 1;
      finishStep(step, loss, schedule.rate(step),
          result.gradientNorms()[k] / result.partitions(), result.tokens()[k],
          result.examples()[k], closesRound ? result.maxComputeSeconds() : 0,
          closesRound ? Math.max(0, wall - result.maxComputeSeconds()) : 0,
          result.partitions(), skipped, closesRound ? wall : 0);
    }
    afterStep(first, last);
  }

  /** Counts a step, logs it, adds its row, and fails after too many non-finite steps. */
  private void finishStep(long step, double loss, double learningRate, double gradientNorm,
      long tokens, long examples, double computeSeconds, double communicationSeconds,
      int workers, boolean skipped, double seconds) {
    tokensTrained += tokens;
    lastLoss = loss;
    if (skipped) {
      loop.skippedSteps++;
      loop.consecutiveSkipped++;
      LOG.warn("Run {} step {}: skipped, the loss ({}) or the gradient norm ({}) is not finite"
          + " ({} in a row, {} in the run; the limit is {} in a row).", settings.runId(), step,
          loss, gradientNorm, loop.consecutiveSkipped, loop.skippedSteps,
          settings.maxConsecutiveNonFiniteSteps());
    } else {
      loop.consecutiveSkipped = 0;
      loop.lastFiniteLoss = loss;
      loop.lastFiniteStep = step;
    }
    record(new StepRecord(StepRecord.TRAIN, step, loss, learningRate, gradientNorm, tokens,
        examples, computeSeconds, communicationSeconds, workers, skipped, Instant.now()));
    progress.step(step, loss, tokens, learningRate, gradientNorm, seconds,
        communicationSeconds, skipped, loop.skippedSteps);
    if (loop.consecutiveSkipped >= settings.maxConsecutiveNonFiniteSteps()) {
      throw TrainingErrors.tooManyNonFiniteSteps(settings.runId().value(), step,
          loop.consecutiveSkipped, loop.lastFiniteLoss, loop.lastFiniteStep);
    }
  }

  /** Validation, table writes and checkpoints due in the steps {@code first..last}. */
  private void afterStep(long first, long last) throws IOException {
    boolean end = last == settings.steps();
    if (validationSet != null && (end || crosses(first, last, settings.validationEvery()))) {
      validate();
    }
    boolean checkpointDue = end || crosses(first, last, settings.checkpointEvery());
    if (!checkpointDue && crosses(first, last, settings.stepsFlushEvery())) {
      flushSteps();
    }
    if (checkpointDue) {
      checkpoint();
    }
  }

  private void validate() {
    long start = System.nanoTime();
    jsc.setJobDescription("validation after step " + loop.step);
    ValidationSet.Sums sums = validationSet.evaluate(currentWeights(), spec,
        settings.validationBatchSize(), settings.aggregationDepth());
    double wall = (System.nanoTime() - start) / 1e9;
    validationLoss = sums.lossSum() / Math.max(sums.tokens(), 1);
    lastValidatedStep = loop.step;
    LOG.info("Run {} validation after step {}: loss {} over {} examples ({} target tokens) in"
        + " {} s.", settings.runId(), loop.step, String.format("%.4f", validationLoss),
        sums.examples(), sums.tokens(), String.format("%.2f", wall));
    record(new StepRecord(StepRecord.VALIDATION, loop.step, validationLoss, null, null,
        sums.tokens(), sums.examples(), sums.maxComputeSeconds(),
        Math.max(0, wall - sums.maxComputeSeconds()), sums.partitions(), false,
        Instant.now()));
  }

  private void record(StepRecord row) {
    if (stepsTable != null) {
      stepsTable.add(row);
    }
    stepListener.accept(row);
  }

  /** Writes the step rows, then commits the checkpoint, so rows never lag a checkpoint. */
  private void checkpoint() throws IOException {
    flushSteps();
    long start = System.nanoTime();
    TrainerState state = loop.toTrainerState(settings, sources,
        gemmBackend.name().toLowerCase(java.util.Locale.ROOT), settings.optimizer().name(),
        optimizer.steps());
    Path dir = TrainingCheckpoints.write(fs, runDir, config, store, optimizer.state(), state,
        vocabulary);
    lastCheckpointStep = loop.step;
    lastCheckpoint = dir.toString();
    TrainingCheckpoints.prune(fs, runDir, settings.keepCheckpoints());
    LOG.info("Run {} checkpoint at step {} written in {} s.", settings.runId(), loop.step,
        String.format("%.2f", (System.nanoTime() - start) / 1e9));
  }

  private void flushSteps() {
    if (stepsTable != null) {
      stepsTable.flush();
    }
  }

  private void flushAfterFailure(Exception failure) {
    try {
      flushSteps();
    } catch (RuntimeException e) {
      LOG.error("Could not write the training_steps rows of run {} after a failure.",
          settings.runId(), e);
      failure.addSuppressed(e);
    }
  }

  /** Returns the broadcast of the current weights, replacing (and destroying) a stale one. */
  private Broadcast<ModelWeights> currentWeights() {
    if (weights == null || weightsBroadcastVersion != loop.weightsVersion) {
      if (weights != null) {
        weights.destroy();
      }
      weights = jsc.broadcast(ModelWeights.of(store, loop.weightsVersion));
      weightsBroadcastVersion = loop.weightsVersion;
    }
    return weights;
  }

  private void release() {
    if (weights != null) {
      weights.destroy();
    }
    if (validationSet != null) {
      validationSet.close();
    }
    if (spec != null) {
      // NOTE: this reaches the worker models of this JVM (all of them in local mode). On a
      // cluster, executors keep theirs until the application ends; their compute threads
      // are daemon threads and hold no native resources.
      WorkerModels.release(spec.key());
    }
    if (driverCompute != null) {
      driverCompute.close();
    }
    jsc.setJobDescription(null);
  }

  private TrainingOutcome outcome(long resumedFrom, long startNanos) {
    return new TrainingOutcome(config, loop.step, resumedFrom, lastLoss, firstValidationLoss,
        validationLoss, lastCheckpoint, loop.skippedSteps,
        (System.nanoTime() - startNanos) / 1e9, tokensTrained);
  }

  /** Returns the smallest multiple of {@code every} that is at least {@code step}. */
  static long nextMultiple(long step, long every) {
    return (step + every - 1) / every * every;
  }

  /** Returns whether a multiple of {@code every} lies in {@code [first, last]}. */
  static boolean crosses(long first, long last, long every) {
    return every > 0 && nextMultiple(first, every) <= last;
  }
}
