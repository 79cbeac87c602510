package org.gqaspark.evaluation;

import java.util.List;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.TableLocations;

/**
 * Validated settings of one evaluate run; {@code conf/evaluate.conf} documents each.
 *
 * @param runId the evaluate run, key of its rows in every table
 * @param tables where the examples table is read and the result tables are written
 * @param checkpoint checkpoint directory, a local path or Hadoop URI (s3a://...)
 * @param parentRunId the run that wrote the checkpoint, or null to take it from the
 *     checkpoint's trainer_state.json when it has one
 * @param examplesRunId the tokenize run whose examples are decoded
 * @param tokenizer spiece.model used to turn generated ids back into text
 * @param evalSets the sets to decode and score, in output order
 * @param decoding how to decode
 * @param scoring how to score
 */
public record EvaluateSettings(RunId runId, TableLocations tables, String checkpoint,
    String parentRunId, RunId examplesRunId, String tokenizer, List<EvalSet> evalSets,
    DecodingSettings decoding, ScoringSettings scoring) {

  public EvaluateSettings {
    if (checkpoint == null || checkpoint.isBlank()) {
      throw EvaluationErrors.invalidSetting("evaluate.checkpoint", checkpoint,
          "a checkpoint directory");
    }
    if (tokenizer == null || tokenizer.isBlank()) {
      throw EvaluationErrors.invalidSetting("evaluate.tokenizer", tokenizer,
          "the path of a spiece.model file");
    }
    if (evalSets == null || evalSets.isEmpty()) {
      throw EvaluationErrors.invalidSetting("evaluate.eval-sets", evalSets,
          "a non-empty list");
    }
    evalSets = List.copyOf(evalSets);
    for (int i = 0; i < evalSets.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (evalSets.get(i).label().equals(evalSets.get(j).label())) {
          throw EvaluationErrors.invalidSetting("evaluate.eval-sets", evalSets.get(i).label(),
              "a list without repeated dataset/split pairs");
        }
      }
    }
  }
}
