package org.gqaspark.training;

import java.util.List;
import java.util.Set;
import org.gqaspark.model.T5Config;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.tensor.GemmBackend;

/**
 * A training job as its HOCON file describes it ({@link TrainingConfig} reads it;
 * {@code conf/pretrain.conf} documents every key), before the job resolves what needs Spark
 * or files: the number of partitions, the vocabulary, the initial checkpoint and, for
 * uptraining, the step count.
 *
 * @param phase pretrain, uptrain or finetune
 * @param model the shape of a model to initialise randomly (pretraining), or null
 * @param vocabSizeFromVocabulary whether the model's vocab_size is the vocabulary's size
 *     (sentinels included) rounded up to a multiple of 128, as T5 pads 32,100 to 32,128
 * @param initCheckpoint the checkpoint to start from (uptraining, fine-tuning), or null
 * @param dropoutRate replaces the initial checkpoint's dropout rate, or null
 * @param steps training steps, or null to derive them from {@code alpha}
 * @param alpha uptraining steps as a fraction of the pretraining steps recorded in the
 *     initial checkpoint, or null
 * @param parentRunId the run that wrote the initial checkpoint, or null to read it from the
 *     checkpoint's trainer state
 * @param conversionMethod how the initial checkpoint was converted (mean, first, random), for
 *     the runs table, or null
 * @param partitions Spark partitions per step; 0 for the default parallelism divided by
 *     {@code spark.task.cpus}
 * @param driverThreads threads of the driver's optimizer update; 0 for the driver's cores
 * @param tokenizeRunId the run id of the examples table rows to read
 * @param vocabulary the SentencePiece model (sentinel ids, EOS), copied into checkpoints
 * @param train training sources
 * @param validation validation sources (may be empty)
 */
public record TrainingJobConfig(String phase, RunId runId, String outputDir,
    TableLocations tables, T5Config model, boolean vocabSizeFromVocabulary,
    String initCheckpoint, Double dropoutRate, Long steps, Double alpha, String parentRunId,
    String conversionMethod, long seed, int globalBatchSize, int microBatchSize,
    int partitions, int windowSteps, int threadsPerTask, int driverThreads,
    GemmBackend gemmBackend, int localSgdSteps, int aggregationDepth, String tokenizeRunId,
    String vocabulary, List<SourceSpec> train, List<SourceSpec> validation,
    double noiseDensity, double meanNoiseSpanLength, int spanInputLength,
    int maxInputLength, int maxTargetLength, OptimizerSettings optimizer,
    long checkpointEvery, int keepCheckpoints, long validationEvery,
    long validationMaxExamples, int validationBatchSize, long validationSeed, long logEvery,
    long stepsFlushEvery, int maxConsecutiveNonFiniteSteps, Set<Long> nanGradientSteps) {

  public static final String PRETRAIN = "pretrain";
  public static final String UPTRAIN = "uptrain";
  public static final String FINETUNE = "finetune";

  public TrainingJobConfig {
    train = List.copyOf(train);
    validation = List.copyOf(validation);
    nanGradientSteps = Set.copyOf(nanGradientSteps);
    if (PRETRAIN.equals(phase) && model == null) {
      throw TrainingErrors.invalidSetting("train.model", "absent",
          "a model shape block for pretraining from random weights");
    }
    if (!PRETRAIN.equals(phase) && initCheckpoint == null) {
      throw TrainingErrors.invalidSetting("train.init-checkpoint", "absent",
          "the checkpoint directory that " + phase + " starts from");
    }
    if (steps == null && alpha == null) {
      throw TrainingErrors.invalidSetting("train.steps", "absent",
          "a step count" + (UPTRAIN.equals(phase) ? ", or train.alpha" : ""));
    }
    if (alpha != null && !(alpha > 0)) {
      throw TrainingErrors.invalidSetting("train.alpha", alpha,
          "a positive fraction of the pretraining steps (the GQA paper uses 0.05)");
    }
    if (train.isEmpty()) {
      throw TrainingErrors.invalidSetting("train.data.train", "[]", "one or more sources");
    }
    if (vocabulary == null && train.stream().anyMatch(
        source -> source.objective().equals(SourceSpec.SPAN_CORRUPTION))) {
      throw TrainingErrors.invalidSetting("train.data.vocabulary", "absent",
          "the SentencePiece model whose sentinel ids span corruption uses");
    }
  }
}
