package org.gqaspark.tables;

import java.time.Instant;

/**
 * One row of the {@code runs} table: a run of a pipeline phase, its lineage, configuration
 * and outcome. Build the row of a starting run with {@link #running}, add what is known with
 * the {@code with...} methods, and end it with {@link #succeeded} or {@link #failed}.
 *
 * @param runId the run's id
 * @param phase tokenize, convert, pretrain, uptrain, finetune or evaluate
 * @param parentRunId the run whose output this run started from, or null
 * @param modelShape the model shape in words, or null
 * @param numHeads query heads, or null
 * @param numKeyValueHeads key/value heads of the grouped-query layers, or null
 * @param conversionMethod mean, first or random, or null
 * @param uptrainingFraction uptraining steps / pretraining steps, or null
 * @param steps configured training steps, or null
 * @param config the resolved configuration as text, or null
 * @param codeVersion the product version
 * @param outputPath the run's main output (final checkpoint, say), or null
 * @param startTime when the first attempt started
 * @param endTime when the run ended, or null while running
 * @param status running, succeeded or failed
 * @param errorMessage why the run failed, or null
 */
public record RunRecord(RunId runId, String phase, String parentRunId, String modelShape,
    Integer numHeads, Integer numKeyValueHeads, String conversionMethod,
    Double uptrainingFraction, Long steps, String config, String codeVersion,
    String outputPath, Instant startTime, Instant endTime, Status status,
    String errorMessage) {

  /** The lifecycle of a run. A killed process leaves its run in {@link #RUNNING}. */
  public enum Status {
    RUNNING, SUCCEEDED, FAILED;

    /** Returns the value stored in the status column. */
    public String columnValue() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public RunRecord {
    if (runId == null || phase == null || phase.isBlank() || codeVersion == null
        || startTime == null || status == null) {
      throw TableErrors.incompleteRunRecord(runId, phase);
    }
  }

  /** Returns the row of a run that starts now. */
  public static RunRecord running(RunId runId, String phase, String codeVersion,
      Instant startTime) {
    return new RunRecord(runId, phase, null, null, null, null, null, null, null, null,
        codeVersion, null, startTime, null, Status.RUNNING, null);
  }

  public RunRecord withParent(String parent) {
    return new RunRecord(runId, phase, parent, modelShape, numHeads, numKeyValueHeads,
        conversionMethod, uptrainingFraction, steps, config, codeVersion, outputPath,
        startTime, endTime, status, errorMessage);
  }

  /** Returns this row with the model's shape and heads (null when unknown or not one count). */
  public RunRecord withModel(String shape, Integer heads, Integer keyValueHeads) {
    return new RunRecord(runId, phase, parentRunId, shape, heads, keyValueHeads,
        conversionMethod, uptrainingFraction, steps, config, codeVersion, outputPath,
        startTime, endTime, status, errorMessage);
  }

  /** Returns this row with the conversion method and uptraining fraction (either may be null). */
  public RunRecord withConversion(String method, Double fraction) {
    return new RunRecord(runId, phase, parentRunId, modelShape, numHeads, numKeyValueHeads,
        method, fraction, steps, config, codeVersion, outputPath, startTime, endTime, status,
        errorMessage);
  }

  public RunRecord withSteps(Long count) {
    return new RunRecord(runId, phase, parentRunId, modelShape, numHeads, numKeyValueHeads,
        conversionMethod, uptrainingFraction, count, config, codeVersion, outputPath,
        startTime, endTime, status, errorMessage);
  }

  public RunRecord withConfig(String text) {
    return new RunRecord(runId, phase, parentRunId, modelShape, numHeads, numKeyValueHeads,
        conversionMethod, uptrainingFraction, steps, text, codeVersion, outputPath, startTime,
        endTime, status, errorMessage);
  }

  public RunRecord withStartTime(Instant time) {
    return new RunRecord(runId, phase, parentRunId, modelShape, numHeads, numKeyValueHeads,
        conversionMethod, uptrainingFraction, steps, config, codeVersion, outputPath, time,
        endTime, status, errorMessage);
  }

  /** Returns the row of this run ended successfully at {@code end}. */
  public RunRecord succeeded(Instant end, String output) {
    return new RunRecord(runId, phase, parentRunId, modelShape, numHeads, numKeyValueHeads,
        conversionMethod, uptrainingFraction, steps, config, codeVersion, output, startTime,
        end, Status.SUCCEEDED, null);
  }

  /** Returns the row of this run failed at {@code end} with {@code error}. */
  public RunRecord failed(Instant end, Throwable error) {
    String message = error.getClass().getName() + ": " + error.getMessage();
    return new RunRecord(runId, phase, parentRunId, modelShape, numHeads, numKeyValueHeads,
        conversionMethod, uptrainingFraction, steps, config, codeVersion, outputPath,
        startTime, end, Status.FAILED, message);
  }
}
