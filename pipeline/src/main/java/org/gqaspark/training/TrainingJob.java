package org.gqaspark.training;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.checkpoint.ModelCheckpoint;
import org.gqaspark.data.VocabularyFiles;
import org.gqaspark.metrics.ProductVersion;
import org.gqaspark.model.T5Config;
import org.gqaspark.tables.RunRecord;
import org.gqaspark.tables.RunsTable;
import org.gqaspark.tokenizer.SentencePieceTokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pretrain, uptrain or fine-tune job: resolves a {@link TrainingJobConfig} (vocabulary,
 * initial model, step count, partitions, sources), records the run in the {@code runs}
 * table, and runs the {@link DataParallelTrainer}. The run is marked running at the start,
 * succeeded with its final checkpoint, or failed with the error.
 */
public final class TrainingJob {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);

  /** T5 pads its 32,100 ids to a multiple of 128 (32,128) for faster matrix products. */
  private static final int VOCAB_MULTIPLE = 128;

  private TrainingJob() {}

  /**
   * Runs the job.
   *
   * @param configText the job's configuration as text, stored in the runs table
   */
  public static TrainingOutcome run(SparkSession spark, TrainingJobConfig job,
      String configText) throws Exception {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    SentencePieceTokenizer vocabulary = job.vocabulary() == null ? null
        : VocabularyFiles.load(job.vocabulary(), null, hadoop);
    Lineage lineage = lineage(job, hadoop);
    T5Config config = modelConfig(job, vocabulary, hadoop);
    long steps = job.steps() != null ? job.steps()
        : Math.max(1, Math.round(job.alpha() * lineage.pretrainingSteps()));
    if (job.steps() == null && lineage.pretrainingSteps() == 0) {
      throw TrainingErrors.invalidSetting("train.alpha", job.alpha(), "used with an initial"
          + " checkpoint whose trainer_state.json records its pretraining steps; "
          + job.initCheckpoint() + " has none, so set train.steps");
    }
    long pretrainingSteps = job.phase().equals(TrainingJobConfig.PRETRAIN) ? steps
        : lineage.pretrainingSteps();

    TrainingSettings settings = settings(spark, job, steps, pretrainingSteps,
        lineage.parentRunId());
    RunsTable runs = job.tables() == null ? null : new RunsTable(spark, job.tables());
    RunRecord row = RunRecord.running(job.runId(), job.phase(),
            ProductVersion.signatureValue(), Instant.now())
        .withParent(lineage.parentRunId())
        .withModel(ModelShapes.describe(config), config.numHeads(),
            ModelShapes.keyValueHeads(config))
        .withConversion(job.conversionMethod(), uptrainingFraction(job, steps,
            lineage.pretrainingSteps()))
        .withSteps(steps)
        .withConfig(configText);
    if (runs != null) {
      row = runs.start(row);
    }

    List<TrainingSource> sources = new ArrayList<>();
    List<TrainingSource> validation = new ArrayList<>();
    try {
      for (SourceSpec spec : job.train()) {
        sources.add(source(spark, job, spec, vocabulary));
      }
      for (SourceSpec spec : job.validation()) {
        validation.add(source(spark, job, spec, vocabulary));
      }
      ModelInit init = job.phase().equals(TrainingJobConfig.PRETRAIN)
          ? new ModelInit.Random(config, Seeds.derive(job.seed(), Seeds.INITIALIZATION))
          : new ModelInit.Checkpoint(job.initCheckpoint(), job.dropoutRate());
      ValidationData validationData = validation.isEmpty() ? null
          : new ValidationData(validation, job.validationMaxExamples(), job.validationSeed());
      TrainingOutcome outcome = DataParallelTrainer.run(spark, settings, sources,
          validationData, init);
      if (runs != null) {
        runs.succeed(row, outcome.finalCheckpoint());
      }
      LOG.info("Run {} ({}) done: {} steps, last loss {}, validation loss {} (before: {}),"
          + " final checkpoint {}, {} skipped steps, {} s.", job.runId(), job.phase(),
          outcome.steps(), outcome.lastLoss(), outcome.validationLoss(),
          outcome.firstValidationLoss(), outcome.finalCheckpoint(), outcome.skippedSteps(),
          String.format("%.1f", outcome.seconds()));
      return outcome;
    } catch (Exception | Error e) {
      LOG.error("Run {} ({}) failed.", job.runId(), job.phase(), e);
      if (runs != null) {
        runs.fail(row, e);
      }
      throw e;
    } finally {
      for (TrainingSource source : sources) {
        source.records().unpersist(false);
      }
      for (TrainingSource source : validation) {
        source.records().unpersist(false);
      }
    }
  }

  /** The run that wrote the initial checkpoint and its lineage's pretraining steps. */
  private record Lineage(String parentRunId, long pretrainingSteps) {}

  private static Lineage lineage(TrainingJobConfig job, Configuration hadoop)
      throws IOException {
    if (job.initCheckpoint() == null) {
      return new Lineage(job.parentRunId(), 0);
    }
    Path dir = new Path(job.initCheckpoint());
    FileSystem fs = dir.getFileSystem(hadoop);
    Optional<TrainerState> state = TrainingCheckpoints.readTrainerState(fs, dir);
    if (state.isEmpty()) {
      LOG.info("Initial checkpoint {} has no {}: its pretraining steps are unknown.", dir,
          TrainerState.FILE_NAME);
      return new Lineage(job.parentRunId(), 0);
    }
    TrainerState saved = state.get();
    long pretraining = saved.pretrainingSteps() > 0 ? saved.pretrainingSteps()
        : saved.phase().equals(TrainingJobConfig.PRETRAIN) ? saved.step() : 0;
    LOG.info("Initial checkpoint {} comes from run {} ({}, step {}); its lineage pretrained"
        + " for {} steps.", dir, saved.runId(), saved.phase(), saved.step(), pretraining);
    return new Lineage(job.parentRunId() != null ? job.parentRunId() : saved.runId(),
        pretraining);
  }

  /**
   * Returns alpha for the runs table: uptraining steps over pretraining steps for an uptrain
   * run, and train.alpha as given (the lineage's uptraining fraction, or null) for others.
   */
  private static Double uptrainingFraction(TrainingJobConfig job, long steps,
      long pretrainingSteps) {
    if (!job.phase().equals(TrainingJobConfig.UPTRAIN)) {
      return job.alpha();
    }
    return pretrainingSteps > 0 ? (double) steps / pretrainingSteps : job.alpha();
  }

  /** Returns the model config, checked against the vocabulary. */
  private static T5Config modelConfig(TrainingJobConfig job,
      SentencePieceTokenizer vocabulary, Configuration hadoop) throws IOException {
    T5Config config;
    if (job.model() != null) {
      config = job.model();
      if (job.vocabSizeFromVocabulary() && vocabulary != null) {
        int size = (vocabulary.vocabSize() + VOCAB_MULTIPLE - 1) / VOCAB_MULTIPLE
            * VOCAB_MULTIPLE;
        config = new T5Config(size, config.dModel(), config.dKv(), config.dFf(),
            config.numLayers(), config.numDecoderLayers(), config.numHeads(),
            config.numKeyValueHeads(), config.gqaAttentionKinds(),
            config.relativeAttentionNumBuckets(), config.relativeAttentionMaxDistance(),
            config.dropoutRate(), config.layerNormEpsilon(), config.feedForwardProj(),
            config.tieWordEmbeddings(), config.padTokenId(), config.eosTokenId(),
            config.decoderStartTokenId(), config.initializerFactor(), config.extra());
      }
    } else {
      Path dir = new Path(job.initCheckpoint());
      config = ModelCheckpoint.readConfig(dir.getFileSystem(hadoop), dir);
      if (job.dropoutRate() != null) {
        config = config.withDropoutRate(job.dropoutRate());
      }
    }
    if (vocabulary != null) {
      if (vocabulary.vocabSize() > config.vocabSize()) {
        throw TrainingErrors.vocabularyTooLarge(job.vocabulary(), vocabulary.vocabSize(),
            config.vocabSize());
      }
      if (vocabulary.eosId() != config.eosTokenId() || vocabulary.padId() != config.padTokenId()) {
        throw TrainingErrors.specialIdsDiffer(job.vocabulary(), vocabulary.padId(),
            vocabulary.eosId(), config.padTokenId(), config.eosTokenId());
      }
    }
    return config;
  }

  private static TrainingSettings settings(SparkSession spark, TrainingJobConfig job,
      long steps, long pretrainingSteps, String parentRunId) {
    int partitions = job.partitions();
    if (partitions == 0) {
      int taskCpus = spark.sparkContext().getConf().getInt("spark.task.cpus", 1);
      partitions = Math.max(1, spark.sparkContext().defaultParallelism() / taskCpus);
    }
    int driverThreads = job.driverThreads() > 0 ? job.driverThreads()
        : Runtime.getRuntime().availableProcessors();
    String runDirectory = new Path(job.outputDir(), job.runId().value()).toString();
    return new TrainingSettings(job.runId(), job.phase(), parentRunId, runDirectory, steps,
        pretrainingSteps, new ShardLayout(job.globalBatchSize(), job.microBatchSize(),
            partitions), job.seed(), job.windowSteps(), job.optimizer(), job.localSgdSteps(),
        job.aggregationDepth(), job.threadsPerTask(), driverThreads, job.gemmBackend(),
        job.checkpointEvery(), job.keepCheckpoints(), job.logEvery(), job.validationEvery(),
        job.validationBatchSize(), job.stepsFlushEvery(), job.maxConsecutiveNonFiniteSteps(),
        job.tables(), job.vocabulary(), job.nanGradientSteps());
  }

  private static TrainingSource source(SparkSession spark, TrainingJobConfig job,
      SourceSpec spec, SentencePieceTokenizer vocabulary) {
    if (spec.objective().equals(SourceSpec.SUPERVISED)) {
      int eos = vocabulary != null ? vocabulary.eosId() : 1;
      return ExampleSources.supervised(spark, job.tables(), job.tokenizeRunId(),
          spec.dataset(), spec.split(), new Objective.Supervised(job.maxInputLength(),
              job.maxTargetLength(), eos), spec.rate());
    }
    int[] sentinels = new int[vocabulary.sentinelCount()];
    for (int i = 0; i < sentinels.length; i++) {
      sentinels[i] = vocabulary.sentinelId(i);
    }
    SpanCorruption corruption = new SpanCorruption(job.noiseDensity(),
        job.meanNoiseSpanLength(), sentinels, vocabulary.eosId());
    SpanCorruption.ChunkLengths lengths = SpanCorruption.chunkLengths(job.spanInputLength(),
        job.noiseDensity(), job.meanNoiseSpanLength());
    if (corruption.noiseSpans(lengths.rawLength()) > sentinels.length) {
      throw TrainingErrors.tooManyNoiseSpans(lengths.rawLength(),
          corruption.noiseSpans(lengths.rawLength()), sentinels.length);
    }
    LOG.info("Span corruption of {}/{}: chunks of {} tokens give inputs of {} and targets of"
        + " {} tokens.", spec.dataset(), spec.split(), lengths.rawLength(),
        lengths.inputLength(), lengths.targetLength());
    return ExampleSources.packed(spark, job.tables(), job.tokenizeRunId(), spec.dataset(),
        spec.split(), spec.fields(), lengths.rawLength(), vocabulary.eosId(),
        new Objective.SpanCorruptionObjective(corruption), spec.rate());
  }
}
