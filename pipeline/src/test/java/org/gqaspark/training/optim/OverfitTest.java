package org.gqaspark.training.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Function;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.ForwardMode;
import org.gqaspark.model.LossResult;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.Seq2SeqBatch;
import org.gqaspark.model.T5Config;
import org.gqaspark.model.T5Initializer;
import org.gqaspark.model.T5Model;
import org.gqaspark.model.compute.FloatCompute;
import org.gqaspark.tensor.ScalarGemm;
import org.junit.jupiter.api.Test;

/**
 * A tiny GQA model must memorise one padded batch: the mean loss falls below 0.05 with each
 * optimizer, which exercises forward, backward and the update together.
 */
class OverfitTest {

  private static final double TARGET_LOSS = 0.05;

  /** d_model 32, d_kv 8, 4 query heads over 2 key/value heads, d_ff 64, 2 + 2 layers. */
  private static final T5Config CONFIG = new T5Config(48, 32, 8, 64, 2, 2, 4, 2,
      T5Config.DEFAULT_GQA_ATTENTION_KINDS, 16, 32, 0.0, 1e-6, FeedForwardKind.RELU, true, 0,
      1, 0, 1.0, Map.of());

  private static Seq2SeqBatch batch() {
    int[] inputIds = {
        12, 7, 33, 21, 9, 40, 5, 17, 28, 1,
        8, 44, 19, 3, 26, 1, 0, 0, 0, 0,
        30, 11, 6, 1, 0, 0, 0, 0, 0, 0,
        15, 2, 38, 24, 46, 13, 1, 0, 0, 0};
    int[] attentionMask = new int[inputIds.length];
    for (int i = 0; i < inputIds.length; i++) {
      attentionMask[i] = i % 10 == 0 || inputIds[i] != 0 ? 1 : 0;
    }
    int[] labels = {
        22, 4, 37, 10, 29, 16, 42, 1,
        35, 18, 2, 1, -100, -100, -100, -100,
        27, 45, 9, 14, 31, 1, -100, -100,
        6, 39, 20, 1, -100, -100, -100, -100};
    return Seq2SeqBatch.fromLabels(4, 10, 8, inputIds, attentionMask, labels, null, CONFIG);
  }

  /** Losses of a run: before the first update and at the end. */
  private record Run(double firstLoss, double lastLoss, int steps) {}

  /** Trains on the batch until the loss falls below the target or {@code maxSteps} pass. */
  private static Run train(Function<ParameterStore, Optimizer> optimizerFactory,
      double learningRate, int maxSteps) {
    try (FloatCompute compute = new FloatCompute(2, pool -> new ScalarGemm())) {
      ParameterStore store = ParameterStore.forModel(CONFIG, compute);
      T5Initializer.initialize(store, CONFIG, 2024);
      T5Model model = new T5Model(CONFIG, store);
      Optimizer optimizer = optimizerFactory.apply(store);
      Seq2SeqBatch batch = batch();
      double firstLoss = Double.NaN;
      double loss = Double.NaN;
      int step = 1;
      for (; step <= maxSteps; step++) {
        store.zeroGradients();
        LossResult result = model.forwardBackward(batch, ForwardMode.train(step));
        loss = result.mean();
        if (step == 1) {
          firstLoss = loss;
        }
        if (loss < TARGET_LOSS) {
          break;
        }
        GradientClipping.clipGlobalNorm(store, 1.0);
        optimizer.step(learningRate);
      }
      return new Run(firstLoss, loss, step);
    }
  }

  @Test
  void adamWOverfitsBatch() {
    Run run = train(store -> new AdamW(store, AdamWOptions.DEFAULTS), 3e-3, 400);
    assertTrue(run.firstLoss() > 3.0, "AdamW started at loss " + run.firstLoss());
    assertTrue(run.lastLoss() < TARGET_LOSS, "AdamW ended at loss " + run.lastLoss()
        + " after " + run.steps() + " steps");
  }

  @Test
  void adafactorOverfitsBatch() {
    Run run = train(store -> new Adafactor(store, AdafactorOptions.DEFAULTS), Double.NaN, 400);
    assertTrue(run.firstLoss() > 3.0, "Adafactor started at loss " + run.firstLoss());
    assertTrue(run.lastLoss() < TARGET_LOSS, "Adafactor ended at loss " + run.lastLoss()
        + " after " + run.steps() + " steps");
  }
}
