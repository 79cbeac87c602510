package org.gqaspark.experiment;

import java.util.List;
import org.gqaspark.tables.RunId;

/**
 * One run of the experiment's plan: a phase applied to one variant (and task), keyed by its
 * deterministic run id.
 *
 * @param phase the phase
 * @param runId {@code <experiment>.<phase>[.<variant>[.<task>]]}, such as {@code
 *     demo.uptrain.kv2-mean-a0.05}
 * @param variant the variant, or null for phases shared by all variants
 * @param task the task, or null for phases without one
 * @param dependencies runs whose output this run reads, its lineage parent first
 * @param trainingSteps the planned training steps (for progress estimates); 0 when the phase
 *     does not train or the count is not known before the run
 * @param action the work
 */
public record PlannedStep(ExperimentPhase phase, RunId runId, Variant variant,
    FinetuneTask task, List<RunId> dependencies, long trainingSteps, StepAction action) {

  public PlannedStep {
    dependencies = List.copyOf(dependencies);
  }

  /** Returns the lineage parent (the run whose output this run starts from), or null. */
  public RunId parent() {
    return dependencies.isEmpty() ? null : dependencies.get(0);
  }
}
