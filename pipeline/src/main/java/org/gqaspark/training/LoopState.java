package org.gqaspark.training;

import java.util.ArrayList;
import java.util.List;

/** The driver's bookkeeping between steps, saved in every checkpoint's trainer state. */
final class LoopState {

  long step;
  long[] consumed; // [sources]
  long skippedSteps;
  long consecutiveSkipped;
  double lastFiniteLoss = Double.NaN;
  long lastFiniteStep;
  /** Changes whenever the driver's weights change, so workers know when to copy them. */
  long weightsVersion;

  static LoopState fresh(int sources) {
    LoopState state = new LoopState();
    state.consumed = new long[sources];
    return state;
  }

  static LoopState from(TrainerState saved) {
    LoopState state = new LoopState();
    state.step = saved.step();
    state.consumed = saved.consumed();
    state.skippedSteps = saved.skippedSteps();
    state.consecutiveSkipped = saved.consecutiveSkippedSteps();
    state.lastFiniteLoss = saved.lastFiniteLoss();
    state.lastFiniteStep = saved.lastFiniteStep();
    state.weightsVersion = saved.optimizerSteps();
    return state;
  }

  /** Returns the trainer state to save with a checkpoint of the current step. */
  TrainerState toTrainerState(TrainingSettings settings, List<TrainingSource> sources,
      String gemmBackend, String optimizer, long optimizerSteps) {
    List<TrainerState.SourcePosition> positions = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      positions.add(new TrainerState.SourcePosition(sources.get(i).label(),
          sources.get(i).size(), consumed[i]));
    }
    return new TrainerState(settings.runId().value(), settings.phase(),
        settings.parentRunId(), step, settings.steps(), settings.pretrainingSteps(),
        settings.seed(), settings.layout().batchSize(), settings.layout().microBatchSize(),
        gemmBackend, optimizer, optimizerSteps, skippedSteps, consecutiveSkipped, lastFiniteLoss,
        lastFiniteStep, positions);
  }
}
