package org.gqaspark.experiment;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Set;
import org.gqaspark.data.VocabularyJob;
import org.gqaspark.model.AttentionKind;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.tokenizer.UnigramTrainerOptions;

/**
 * An experiment as its HOCON file describes it ({@link ExperimentConfig} reads it;
 * {@code conf/local.conf} documents every key).
 *
 * @param id the experiment id, the prefix of every run id
 * @param workDir the folder (local path or URI) of the vocabulary and the checkpoints:
 *     {@code <workDir>/runs/<run id>}
 * @param tables the Delta tables root
 * @param vocabulary the SentencePiece model to use; null when the vocab phase trains one
 * @param vocabularyTraining how the vocab phase trains the vocabulary; null when
 *     {@code vocabulary} is given
 * @param tokenize the tokenize block (datasets, partitions, add-dummy-prefix) as {@code gqa
 *     tokenize} reads it, without the vocabulary and run id
 * @param train defaults of every training phase, the train block of {@code gqa pretrain}
 * @param pretrainTrain overrides of {@code train} for pretraining (steps, model)
 * @param initCheckpoint a multi-head checkpoint to start from instead of pretraining, or null
 * @param pretrainingSteps the pretraining steps behind {@code initCheckpoint} when its
 *     trainer_state.json does not record them, or null
 * @param keyValueHeads G values; the model's head count H gives the multi-head baseline
 * @param methods conversion methods (mean, first, random)
 * @param attentionKinds attention layers that get G key/value heads
 * @param conversionSeed seed of the random conversion method
 * @param alphas uptraining fractions
 * @param uptrainTrain overrides of {@code train} for uptraining
 * @param tasks fine-tuning and evaluation tasks
 * @param evaluate the evaluate block shared by all tasks, or null to skip evaluation
 * @param decodeBenchmark the decode-benchmark block, or null to skip the benchmark
 */
public record ExperimentSettings(String id, String workDir, TableLocations tables,
    String vocabulary, VocabularyTraining vocabularyTraining, Config tokenize, Config train,
    Config pretrainTrain, String initCheckpoint, Long pretrainingSteps,
    List<Integer> keyValueHeads, List<String> methods, Set<AttentionKind> attentionKinds,
    long conversionSeed, List<Double> alphas, Config uptrainTrain, List<FinetuneTask> tasks,
    Config evaluate, Config decodeBenchmark) {

  /**
   * The settings of the vocab phase, which trains the vocabulary.
   *
   * @param sources text files, or JSON lines with the field to read
   * @param normalizationModel the spiece.model whose normalizer to copy, or null
   * @param options the trainer's options
   */
  public record VocabularyTraining(List<VocabularyJob.Source> sources,
      String normalizationModel, UnigramTrainerOptions options) {

    public VocabularyTraining {
      sources = List.copyOf(sources);
    }
  }

  public ExperimentSettings {
    keyValueHeads = List.copyOf(keyValueHeads);
    methods = List.copyOf(methods);
    attentionKinds = Set.copyOf(attentionKinds);
    alphas = List.copyOf(alphas);
    tasks = List.copyOf(tasks);
    if ((vocabulary == null) == (vocabularyTraining == null)) {
      throw ExperimentErrors.invalidSetting("experiment.vocabulary",
          vocabulary == null ? "neither path nor train" : "both path and train",
          "either a path to a spiece.model or a train block");
    }
    if (keyValueHeads.isEmpty()) {
      throw ExperimentErrors.invalidSetting("experiment.convert.key-value-heads", "[]",
          "one or more numbers of key/value heads");
    }
    if (alphas.isEmpty()) {
      throw ExperimentErrors.invalidSetting("experiment.uptrain.alphas", "[]",
          "one or more uptraining fractions");
    }
  }

  /** Returns the folder of a run's output: {@code <workDir>/runs/<runId>}. */
  public String runFolder(String runId) {
    return workDir + "/runs/" + runId;
  }

  /** Returns where checkpoints of training runs go: {@code <workDir>/runs}. */
  public String trainingOutputDir() {
    return workDir + "/runs";
  }
}
