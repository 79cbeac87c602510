package org.gqaspark.model;

import static org.gqaspark.model.TinyModels.data;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.DoubleSupplier;
import org.gqaspark.model.compute.DoubleCompute;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Gradient check of the whole model: the mean cross-entropy of a padded batch against
 * central finite differences in double precision, for every parameter tensor. Small
 * tensors are checked in full and larger ones at 12 random elements. The cases cover
 * multi-head, grouped-query and multi-query attention, both feed-forward kinds, tied and
 * untied embeddings, and dropout.
 */
class T5ModelGradientTest {

  private static final int ELEMENTS_PER_TENSOR = 12;

  @ParameterizedTest(name = "{0} key/value heads in {1}, {2}, tied {3}, dropout {4}")
  @CsvSource({
      "4, DEFAULT, RELU, true, 0.0",
      "2, DEFAULT, RELU, false, 0.1",
      "1, DEFAULT, GATED_GELU, true, 0.0",
      "2, ALL, GATED_GELU, false, 0.1",
      "1, ALL, RELU, false, 0.0",
      "2, DEFAULT, GATED_GELU, true, 0.1"})
  void lossGradients(int keyValueHeads, String kinds, FeedForwardKind feedForward,
      boolean tied, double dropout) {
    Set<AttentionKind> gqaKinds = kinds.equals("ALL") ? EnumSet.allOf(AttentionKind.class)
        : T5Config.DEFAULT_GQA_ATTENTION_KINDS;
    T5Config config = TinyModels.config(keyValueHeads, gqaKinds, feedForward, tied, dropout);
    DoubleCompute compute = new DoubleCompute();
    ParameterStore store = ParameterStore.forModel(config, compute);
    T5Initializer.initialize(store, config, 1234);
    T5Model model = new T5Model(config, store);
    Seq2SeqBatch batch = TinyModels.paddedBatch(config);
    ForwardMode mode = dropout > 0 ? ForwardMode.train(77) : ForwardMode.EVAL;
    DoubleSupplier loss = () -> model.forward(batch, mode).mean();

    store.zeroGradients();
    LossResult result = model.forwardBackward(batch, mode);

    assertEquals(12, result.tokens());
    for (Parameter parameter : store.parameters()) {
      GradientCheck.check(parameter.name(), data(parameter.value()),
          data(parameter.gradient()).clone(), loss, ELEMENTS_PER_TENSOR);
    }
  }
}
