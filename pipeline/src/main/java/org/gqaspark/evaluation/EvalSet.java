package org.gqaspark.evaluation;

/**
 * One evaluation set: a dataset split of the examples table and what it measures.
 *
 * @param dataset dataset name in the examples table
 * @param split split name in the examples table
 * @param task summarization (ROUGE) or translation (BLEU, chrF)
 * @param maxExamples decode only the first this many examples in example id order; 0 for all
 */
public record EvalSet(String dataset, String split, TaskKind task, int maxExamples) {

  public EvalSet {
    if (dataset == null || dataset.isBlank()) {
      throw EvaluationErrors.invalidSetting("eval-sets.dataset", dataset, "a dataset name");
    }
    if (split == null || split.isBlank()) {
      throw EvaluationErrors.invalidSetting("eval-sets.split", split, "a split name");
    }
    if (task == null) {
      throw EvaluationErrors.invalidSetting("eval-sets.task", null,
          "summarization or translation");
    }
    if (maxExamples < 0) {
      throw EvaluationErrors.invalidSetting("eval-sets.max-examples", maxExamples,
          "0 (all) or more");
    }
  }

  /** Returns "dataset/split". */
  public String label() {
    return dataset + "/" + split;
  }
}
