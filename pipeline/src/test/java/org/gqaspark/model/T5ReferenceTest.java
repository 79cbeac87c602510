package org.gqaspark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.gqaspark.model.compute.Compute;
import org.gqaspark.model.compute.DoubleCompute;
import org.gqaspark.model.compute.FloatCompute;
import org.gqaspark.tensor.ScalarGemm;
import org.gqaspark.training.optim.AdamW;
import org.gqaspark.training.optim.AdamWOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine against fixtures from a plain-PyTorch T5 with grouped-query attention
 * ({@code scripts/reference/t5_reference.py}, PyTorch 1.13, computed in float64 and stored
 * in float32): logits, loss and the gradient of every parameter, on both backends.
 *
 * <p>Tolerance, for each tensor x with PyTorch's values r:
 * {@code max_i |x_i - r_i| <= tol * max_i |r_i|}, and for the loss
 * {@code |loss - r| <= tol * |r|}, with tol = 1e-4 for the float32 backend and 1e-6 for the
 * float64 reference backend (whose only error is the fixture's float32 rounding).
 */
class T5ReferenceTest {

  private static Compute backend(String name) {
    return name.equals("float32") ? new FloatCompute(2, pool -> new ScalarGemm())
        : new DoubleCompute();
  }

  private static void assertCloseTensor(String name, float[] expected, float[] actual,
      double tolerance) {
    assertEquals(expected.length, actual.length, name + ": size");
    double scale = 0;
    double worst = 0;
    int at = -1;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      double error = Math.abs((double) actual[i] - expected[i]);
      if (error > worst) {
        worst = error;
        at = i;
      }
    }
    assertTrue(worst <= tolerance * scale, name + ": element " + at + " is " + actual[Math.max(at, 0)]
        + " but PyTorch gives " + expected[Math.max(at, 0)] + "; max error " + worst
        + " exceeds " + tolerance + " * " + scale);
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
      "t5_gqa_relu_tied, float32, 1e-4",
      "t5_gqa_relu_tied, float64, 1e-6",
      "t5_gqa_gated_untied, float32, 1e-4",
      "t5_gqa_gated_untied, float64, 1e-6"})
  void matchesPyTorch(String caseName, String backendName, double tolerance) {
    ReferenceFixture fixture = ReferenceFixture.load(caseName);
    T5Config config = fixture.config();
    try (Compute compute = backend(backendName)) {
      ParameterStore store = ParameterStore.forModel(config, compute);
      fixture.loadWeights(store);
      T5Model model = new T5Model(config, store);
      Seq2SeqBatch batch = fixture.batch();

      LossResult loss = model.forward(batch, ForwardMode.EVAL);
      float[] logits = compute.toFloats(model.logits());
      store.zeroGradients();
      model.backward(1.0 / loss.tokens());

      assertEquals(fixture.loss(), loss.mean(), tolerance * Math.abs(fixture.loss()), "loss");
      assertCloseTensor("logits", fixture.tensor("logits"), logits, tolerance);
      for (String name : store.names()) {
        assertCloseTensor("gradient of " + name, fixture.tensor("grad/" + name),
            store.gradients(name), tolerance);
      }
    }
  }

  /**
   * Five AdamW steps from the fixture's weights on the float32 backend give PyTorch's loss
   * trajectory (torch.optim.AdamW in float64). Tolerance |loss - r| <= 1e-4 * r: float32
   * rounding in the gradients moves the weights by far less.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"t5_gqa_relu_tied", "t5_gqa_gated_untied"})
  void adamWLossesMatchPyTorch(String caseName) {
    ReferenceFixture fixture = ReferenceFixture.load(caseName);
    T5Config config = fixture.config();
    JsonNode adamw = fixture.adamw();
    AdamWOptions options = new AdamWOptions(adamw.get("betas").get(0).asDouble(),
        adamw.get("betas").get(1).asDouble(), adamw.get("eps").asDouble(),
        adamw.get("weight_decay").asDouble());
    try (FloatCompute compute = new FloatCompute(2, pool -> new ScalarGemm())) {
      ParameterStore store = ParameterStore.forModel(config, compute);
      fixture.loadWeights(store);
      T5Model model = new T5Model(config, store);
      AdamW optimizer = new AdamW(store, options);
      Seq2SeqBatch batch = fixture.batch();

      for (JsonNode expected : adamw.get("losses")) {
        store.zeroGradients();
        double loss = model.forwardBackward(batch, ForwardMode.EVAL).mean();
        optimizer.step(adamw.get("lr").asDouble());
        assertEquals(expected.asDouble(), loss, 1e-4 * expected.asDouble(),
            "loss before step " + optimizer.steps());
      }
    }
  }

  @Test
  void bucketsMatchPyTorch() {
    JsonNode fixture = ReferenceFixture.readTree("relative_position_buckets.json");
    int[] positions = ReferenceFixture.ints(fixture.get("relative_positions"));
    int numBuckets = fixture.get("num_buckets").asInt();
    int maxDistance = fixture.get("max_distance").asInt();
    for (String direction : new String[] {"bidirectional", "causal"}) {
      int[] actual = new int[positions.length];
      for (int i = 0; i < positions.length; i++) {
        actual[i] = RelativePositionBias.bucket(positions[i], direction.equals("bidirectional"),
            numBuckets, maxDistance);
      }
      assertArrayEquals(ReferenceFixture.ints(fixture.get(direction)), actual, direction);
    }
  }
}
