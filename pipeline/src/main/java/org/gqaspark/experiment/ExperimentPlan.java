package org.gqaspark.experiment;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import org.gqaspark.tables.RunId;
import org.gqaspark.training.TrainingJobConfig;

/**
 * The runs of an experiment in the order they execute, phase by phase: vocab, tokenize,
 * pretrain, then for every variant convert, uptrain, fine-tune per task, evaluate per task,
 * and the decode benchmark. Run ids are {@code <experiment>.<phase>[.<variant>[.<task>]]},
 * the same on every invocation, so a rerun finds the runs that already succeeded.
 *
 * @param steps the runs in execution order
 * @param numHeads H, the query heads of the model
 */
public record ExperimentPlan(List<PlannedStep> steps, int numHeads) {

  public ExperimentPlan {
    steps = List.copyOf(steps);
  }

  /**
   * Plans the experiment.
   *
   * @param numHeads H of the multi-head model (pretrained or given)
   * @param evaluation the evaluate and decode-benchmark actions, or null to plan neither
   */
  public static ExperimentPlan build(ExperimentSettings settings, int numHeads,
      EvaluationActions evaluation) {
    List<PlannedStep> steps = new ArrayList<>();
    String id = settings.id();

    RunId vocabRun = null;
    String vocabulary = settings.vocabulary();
    if (settings.vocabularyTraining() != null) {
      vocabRun = runId(id, ExperimentPhase.VOCAB);
      PlannedStep vocab = new PlannedStep(ExperimentPhase.VOCAB, vocabRun, null, null,
          List.of(), 0, new VocabularyStep());
      steps.add(vocab);
      vocabulary = VocabularyStep.location(settings, vocab);
    }

    RunId tokenizeRun = runId(id, ExperimentPhase.TOKENIZE);
    steps.add(new PlannedStep(ExperimentPhase.TOKENIZE, tokenizeRun, null, null,
        vocabRun == null ? List.of() : List.of(vocabRun), 0, new TokenizeStep(vocabulary)));

    RunId pretrainRun = null;
    long pretrainingSteps = settings.pretrainingSteps() == null ? 0
        : settings.pretrainingSteps();
    if (settings.initCheckpoint() == null) {
      pretrainRun = runId(id, ExperimentPhase.PRETRAIN);
      Config train = settings.pretrainTrain().withFallback(settings.train());
      pretrainingSteps = train.hasPath("steps") ? train.getLong("steps") : 0;
      steps.add(new PlannedStep(ExperimentPhase.PRETRAIN, pretrainRun, null, null,
          List.of(tokenizeRun), pretrainingSteps, new TrainingStep(TrainingJobConfig.PRETRAIN,
              train, tokenizeRun, vocabulary, null, null, null, null, null)));
    }

    List<Variant> variants = new ArrayList<>();
    List<RunId> convertRuns = new ArrayList<>();
    for (int keyValueHeads : settings.keyValueHeads()) {
      List<String> methods = keyValueHeads == numHeads ? List.of("none")
          : settings.methods();
      for (String method : methods) {
        Variant conversion = new Variant(numHeads, keyValueHeads,
            keyValueHeads == numHeads ? null : method, settings.alphas().get(0));
        RunId convertRun = null;
        if (!conversion.isBaseline()) {
          convertRun = runId(id, ExperimentPhase.CONVERT, conversion.conversionName());
          steps.add(new PlannedStep(ExperimentPhase.CONVERT, convertRun, conversion, null,
              pretrainRun == null ? List.of() : List.of(pretrainRun), 0,
              new ConvertStep(settings.initCheckpoint())));
        }
        for (double alpha : settings.alphas()) {
          variants.add(new Variant(numHeads, keyValueHeads, conversion.method(), alpha));
          convertRuns.add(convertRun);
        }
      }
    }

    List<RunId> uptrainRuns = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      Variant variant = variants.get(i);
      RunId parent = convertRuns.get(i) != null ? convertRuns.get(i) : pretrainRun;
      RunId uptrainRun = runId(id, ExperimentPhase.UPTRAIN, variant.name());
      uptrainRuns.add(uptrainRun);
      Long fixedSteps = null;
      if (settings.initCheckpoint() != null && settings.pretrainingSteps() != null) {
        fixedSteps = Math.max(1, Math.round(variant.alpha() * settings.pretrainingSteps()));
      }
      String init = parent == null ? settings.initCheckpoint() : null;
      List<RunId> dependencies = parent == null ? List.of(tokenizeRun)
          : List.of(parent, tokenizeRun);
      steps.add(new PlannedStep(ExperimentPhase.UPTRAIN, uptrainRun, variant, null,
          dependencies, Math.round(variant.alpha() * pretrainingSteps),
          new TrainingStep(TrainingJobConfig.UPTRAIN,
              settings.uptrainTrain().withFallback(settings.train()), tokenizeRun, vocabulary,
              init, parent, fixedSteps, variant.alpha(), variant.method())));
    }

    List<RunId> finetuneRuns = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      Variant variant = variants.get(i);
      for (FinetuneTask task : settings.tasks()) {
        RunId finetuneRun = runId(id, ExperimentPhase.FINETUNE, variant.name(), task.name());
        finetuneRuns.add(finetuneRun);
        Config train = task.train().withFallback(settings.train());
        long taskSteps = train.hasPath("steps") ? train.getLong("steps") : 0;
        steps.add(new PlannedStep(ExperimentPhase.FINETUNE, finetuneRun, variant, task,
            List.of(uptrainRuns.get(i), tokenizeRun), taskSteps,
            new TrainingStep(TrainingJobConfig.FINETUNE, train, tokenizeRun, vocabulary, null,
                uptrainRuns.get(i), null, variant.alpha(), variant.method())));
      }
    }

    if (evaluation != null && settings.evaluate() != null) {
      int next = 0;
      for (Variant variant : variants) {
        for (FinetuneTask task : settings.tasks()) {
          RunId finetuneRun = finetuneRuns.get(next++);
          steps.add(new PlannedStep(ExperimentPhase.EVALUATE,
              runId(id, ExperimentPhase.EVALUATE, variant.name(), task.name()), variant, task,
              List.of(finetuneRun, tokenizeRun), 0,
              evaluation.evaluate(task.evaluate().withFallback(settings.evaluate()),
                  task.kind(), tokenizeRun, vocabulary)));
        }
      }
    }
    if (evaluation != null && settings.decodeBenchmark() != null) {
      for (int i = 0; i < variants.size(); i++) {
        Variant variant = variants.get(i);
        steps.add(new PlannedStep(ExperimentPhase.DECODE_BENCHMARK,
            runId(id, ExperimentPhase.DECODE_BENCHMARK, variant.name()), variant, null, List.of(uptrainRuns.get(i)),
            0, evaluation.decodeBenchmark(settings.decodeBenchmark())));
      }
    }
    return new ExperimentPlan(steps, numHeads);
  }

  /** Returns the planned steps of one phase. */
  public List<PlannedStep> steps(ExperimentPhase phase) {
    return steps.stream().filter(step -> step.phase() == phase).toList();
  }

  /** Returns the planned step with this run id, or null. */
  public PlannedStep step(RunId runId) {
    return steps.stream().filter(step -> step.runId().equals(runId)).findFirst().orElse(null);
  }

  /** Returns the variants, in plan order (those of the uptrain phase). */
  public List<Variant> variants() {
    return steps(ExperimentPhase.UPTRAIN).stream().map(PlannedStep::variant).toList();
  }

  private static RunId runId(String experiment, ExperimentPhase phase, String... parts) {
    StringBuilder id = new StringBuilder(experiment).append('.').append(phase.optionName());
    for (String part : parts) {
      id.append('.').append(part);
    }
    return new RunId(id.toString());
  }
}
