package org.gqaspark.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code trainer_state.json} of a training checkpoint: everything besides the weights and
 * the optimizer tensors that a restarted job needs to continue exactly where the checkpoint
 * was taken, and the lineage that later phases read.
 *
 * <p>Example:
 * <pre>{@code
 * {
 *   "format" : "gqa-trainer-state", "version" : 1,
 *   "run_id" : "pretrain-1", "phase" : "pretrain", "parent_run_id" : null,
 *   "step" : 500, "total_steps" : 2000, "pretraining_steps" : 2000,
 *   "seed" : 0, "global_batch_size" : 32, "micro_batch_size" : 8, "gemm_backend" : "native",
 *   "optimizer" : "adamw", "optimizer_steps" : 498,
 *   "skipped_steps" : 2, "consecutive_skipped_steps" : 0,
 *   "last_finite_loss" : 3.21, "last_finite_step" : 500,
 *   "sources" : [ { "label" : "scitldr/train", "records" : 2118, "consumed" : 16000 } ]
 * }
 * }</pre>
 *
 * @param runId the run that wrote the checkpoint
 * @param phase pretrain, uptrain or finetune
 * @param parentRunId the run whose checkpoint this run started from; null for pretraining
 * @param step steps done, skipped ones included
 * @param totalSteps steps the run was configured for
 * @param pretrainingSteps steps of the pretraining run at the root of the lineage, from
 *     which uptraining computes its length; 0 when unknown
 * @param seed the run seed
 * @param globalBatchSize examples per step
 * @param microBatchSize examples per forward and backward pass
 * @param gemmBackend the matrix-product backend the run computes with (java, native or
 *     scalar)
 * @param optimizer the optimizer's name
 * @param optimizerSteps updates the optimizer applied (steps minus skipped steps)
 * @param skippedSteps steps skipped because the loss or gradient was not finite
 * @param consecutiveSkippedSteps skipped steps at the end, which count towards the limit
 * @param lastFiniteLoss the loss of the last step with a finite loss; NaN before the first
 * @param lastFiniteStep that step; 0 before the first
 * @param sources the data position: per source, its records and how many were drawn
 */
public record TrainerState(String runId, String phase, String parentRunId, long step,
    long totalSteps, long pretrainingSteps, long seed, int globalBatchSize, int microBatchSize,
    String gemmBackend, String optimizer, long optimizerSteps, long skippedSteps,
    long consecutiveSkippedSteps,
    double lastFiniteLoss, long lastFiniteStep, List<SourcePosition> sources) {

  /** The file name inside a checkpoint directory. */
  public static final String FILE_NAME = "trainer_state.json";

  private static final String FORMAT = "gqa-trainer-state";
  private static final int VERSION = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One source's data position. */
  public record SourcePosition(String label, long records, long consumed) {}

  public TrainerState {
    sources = List.copyOf(sources);
  }

  /** Returns the consumed counts of the sources, in order. */
  public long[] consumed() {
    return sources.stream().mapToLong(SourcePosition::consumed).toArray();
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("run_id", runId);
    root.put("phase", phase);
    root.put("parent_run_id", parentRunId);
    root.put("step", step);
    root.put("total_steps", totalSteps);
    root.put("pretraining_steps", pretrainingSteps);
    root.put("seed", seed);
    root.put("global_batch_size", globalBatchSize);
    root.put("micro_batch_size", microBatchSize);
    root.put("gemm_backend", gemmBackend);
    root.put("optimizer", optimizer);
    root.put("optimizer_steps", optimizerSteps);
    root.put("skipped_steps", skippedSteps);
    root.put("consecutive_skipped_steps", consecutiveSkippedSteps);
    if (Double.isFinite(lastFiniteLoss)) {
      root.put("last_finite_loss", lastFiniteLoss);
    } else {
      root.putNull("last_finite_loss");
    }
    root.put("last_finite_step", lastFiniteStep);
    ArrayNode list = root.putArray("sources");
    for (SourcePosition source : sources) {
      list.addObject().put("label", source.label()).put("records", source.records())
          .put("consumed", source.consumed());
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not serialise the trainer state in memory", e);
    }
  }

  /**
   * Parses a trainer state.
   *
   * @param source the file, for messages
   * @throws IllegalArgumentException when the text is not a trainer state of this format
   */
  public static TrainerState fromJson(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw TrainingErrors.invalidTrainerState(source, "not JSON (" + e.getOriginalMessage()
          + ")");
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw TrainingErrors.invalidTrainerState(source, "\"format\" is not \"" + FORMAT + "\"");
    }
    if (root.path("version").asInt(-1) != VERSION) {
      throw TrainingErrors.invalidTrainerState(source, "\"version\" must be " + VERSION
          + " but got " + root.get("version"));
    }
    List<SourcePosition> sources = new ArrayList<>();
    for (JsonNode node : root.path("sources")) {
      sources.add(new SourcePosition(text(node, "label", source), number(node, "records", source),
          number(node, "consumed", source)));
    }
    JsonNode loss = root.get("last_finite_loss");
    return new TrainerState(text(root, "run_id", source), text(root, "phase", source),
        root.hasNonNull("parent_run_id") ? root.get("parent_run_id").asText() : null,
        number(root, "step", source), number(root, "total_steps", source),
        number(root, "pretraining_steps", source), number(root, "seed", source),
        (int) number(root, "global_batch_size", source),
        (int) number(root, "micro_batch_size", source), text(root, "gemm_backend", source),
        text(root, "optimizer", source),
        number(root, "optimizer_steps", source), number(root, "skipped_steps", source),
        number(root, "consecutive_skipped_steps", source),
        loss == null || loss.isNull() ? Double.NaN : loss.asDouble(),
        number(root, "last_finite_step", source), sources);
  }

  private static String text(JsonNode node, String field, String source) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw TrainingErrors.invalidTrainerState(source, "\"" + field + "\" must be a string");
    }
    return value.asText();
  }

  private static long number(JsonNode node, String field, String source) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToLong()) {
      throw TrainingErrors.invalidTrainerState(source, "\"" + field + "\" must be an integer");
    }
    return value.asLong();
  }
}
