package org.gqaspark.model;

import static org.gqaspark.model.TinyModels.data;
import static org.gqaspark.model.TinyModels.dot;
import static org.gqaspark.model.TinyModels.randomArray;
import static org.gqaspark.model.TinyModels.randomize;

import java.util.EnumSet;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.gqaspark.model.RelativePositionBias.PositionBias;
import org.gqaspark.model.compute.AttentionMask;
import org.gqaspark.model.compute.DoubleCompute;
import org.gqaspark.model.compute.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks of every layer on its own, in double precision: each test takes
 * L = sum(y * R) for a fixed random R, runs the layer's backward with dy = R, and compares
 * the input and parameter gradients with central finite differences of L.
 */
class LayerGradientTest {

  private static final int D_MODEL = 8;
  private static final int ALL = 10_000;

  private final DoubleCompute compute = new DoubleCompute();

  /** Parameters of a tiny model with random weights and random norm scales around 1. */
  private ParameterStore randomStore(T5Config config, long seed) {
    ParameterStore store = ParameterStore.forModel(config, compute);
    T5Initializer.initialize(store, config, seed);
    for (Parameter parameter : store.parameters()) {
      if (parameter.name().endsWith("layer_norm.weight")) {
        double[] values = data(parameter.value());
        double[] noise = randomArray(values.length, seed + values.length);
        for (int i = 0; i < values.length; i++) {
          values[i] = 1.0 + 0.3 * noise[i];
        }
      }
    }
    return store;
  }

  private Tensor random(long seed, int... shape) {
    Tensor tensor = compute.zeros(shape);
    randomize(tensor, seed, 1.0);
    return tensor;
  }

  private Tensor copyOf(double[] values, int... shape) {
    Tensor tensor = compute.zeros(shape);
    System.arraycopy(values, 0, data(tensor), 0, values.length);
    return tensor;
  }

  private static void checkParameters(List<Parameter> parameters, DoubleSupplier loss) {
    for (Parameter parameter : parameters) {
      GradientCheck.check(parameter.name(), data(parameter.value()),
          data(parameter.gradient()).clone(), loss, ALL);
    }
  }

  @Test
  void linearGradients() {
    ParameterSpec spec = new ParameterSpec("w", new int[] {5, 4});
    ParameterStore store = ParameterStore.allocate(List.of(spec), compute);
    randomize(store.get("w").value(), 1, 0.5);
    Linear linear = new Linear(compute, store.get("w"));
    Tensor x = random(2, 3, 4);
    Tensor y = compute.zeros(3, 5);
    double[] r = randomArray(15, 3);
    DoubleSupplier loss = () -> {
      linear.forward(x, y, 3);
      return dot(y, r);
    };

    loss.getAsDouble();
    Tensor dx = compute.zeros(3, 4);
    linear.backward(x, copyOf(r, 3, 5), dx, false, 3);

    GradientCheck.check("dx", data(x), data(dx).clone(), loss, ALL);
    checkParameters(store.parameters(), loss);
  }

  @Test
  void rmsNormGradients() {
    ParameterSpec spec = new ParameterSpec("w", new int[] {D_MODEL});
    ParameterStore store = ParameterStore.allocate(List.of(spec), compute);
    randomize(store.get("w").value(), 4, 1.0);
    RmsNorm norm = new RmsNorm(compute, store.get("w"), 1e-6);
    Tensor x = random(5, 3, D_MODEL);
    Tensor y = compute.zeros(3, D_MODEL);
    Tensor inverseRms = compute.zeros(3);
    double[] r = randomArray(3 * D_MODEL, 6);
    DoubleSupplier loss = () -> {
      norm.forward(x, y, inverseRms);
      return dot(y, r);
    };

    loss.getAsDouble();
    Tensor dx = compute.zeros(3, D_MODEL);
    norm.backward(copyOf(r, 3, D_MODEL), x, inverseRms, dx);

    GradientCheck.check("dx", data(x), data(dx).clone(), loss, ALL);
    checkParameters(store.parameters(), loss);
  }

  @ParameterizedTest(name = "{0}, dropout {1}")
  @CsvSource({"RELU, 0.0", "RELU, 0.3", "GATED_GELU, 0.0", "GATED_GELU, 0.3"})
  void feedForwardGradients(FeedForwardKind kind, double dropout) {
    T5Config config = TinyModels.config(4, EnumSet.allOf(AttentionKind.class), kind, true,
        dropout);
    ParameterStore store = randomStore(config, 7);
    Workspace workspace = new Workspace(compute);
    FeedForward feedForward = new FeedForward(compute, workspace, store, config, "encoder", 1,
        1, new DropoutSites(compute, dropout).next());
    Tensor x = random(8, 6, D_MODEL);
    Tensor y = compute.zeros(6, D_MODEL);
    double[] r = randomArray(6 * D_MODEL, 9);
    ForwardMode mode = ForwardMode.train(17);
    DoubleSupplier loss = () -> {
      feedForward.forward(x, y, 6, mode);
      return dot(y, r);
    };

    loss.getAsDouble();
    Tensor dx = compute.zeros(6, D_MODEL);
    feedForward.backward(x, copyOf(r, 6, D_MODEL), dx);

    GradientCheck.check("dx", data(x), data(dx).clone(), loss, ALL);
    checkParameters(parametersWithPrefix(store, "encoder.block.1.layer.1.DenseReluDense"), loss);
  }

  /** Attention with projections, bias and masks; H = 4 query heads and H_kv as given. */
  @ParameterizedTest(name = "{0}, {1} key/value heads, dropout {2}")
  @CsvSource({
      "ENCODER_SELF, 4, 0.0", "ENCODER_SELF, 2, 0.0", "ENCODER_SELF, 1, 0.25",
      "DECODER_SELF, 4, 0.0", "DECODER_SELF, 2, 0.25", "DECODER_SELF, 1, 0.0",
      "CROSS, 4, 0.25", "CROSS, 2, 0.0", "CROSS, 1, 0.0"})
  void attentionGradients(AttentionKind kind, int keyValueHeads, double dropout) {
    T5Config config = TinyModels.config(keyValueHeads, EnumSet.allOf(AttentionKind.class),
        FeedForwardKind.RELU, true, dropout);
    ParameterStore store = randomStore(config, 10 + keyValueHeads);
    boolean cross = kind == AttentionKind.CROSS;
    String stack = kind == AttentionKind.ENCODER_SELF ? "encoder" : "decoder";
    int layer = cross ? 1 : 0;
    Attention attention = new Attention(compute, new Workspace(compute), store, config, stack,
        0, layer, kind, new DropoutSites(compute, dropout).next());
    int batch = 2;
    int queries = 6;
    int keys = cross ? 7 : queries;
    int[] padding = new int[batch * keys];
    java.util.Arrays.fill(padding, 1);
    padding[keys - 1] = 0;
    padding[2 * keys - 1] = 0;
    padding[2 * keys - 2] = 0;
    AttentionMask mask = kind == AttentionKind.DECODER_SELF
        ? AttentionMask.causal(padding, keys, 0) : AttentionMask.padding(padding, keys);
    RelativePositionBias positionBias = cross ? null : new RelativePositionBias(compute,
        store.get(T5ParameterLayout.relativeAttentionBias(stack)),
        kind == AttentionKind.ENCODER_SELF, 8, 10);
    Tensor x = random(20, batch * queries, D_MODEL);
    Tensor m = cross ? random(21, batch * keys, D_MODEL) : x;
    Tensor y = compute.zeros(batch * queries, D_MODEL);
    double[] r = randomArray(y.size(), 22);
    ForwardMode mode = ForwardMode.train(23);
    DoubleSupplier loss = () -> {
      PositionBias bias = cross ? null : positionBias.forward(queries, keys, 0);
      attention.forward(x, m, batch, queries, keys, bias, mask, mode, y);
      return dot(y, r);
    };

    loss.getAsDouble();
    Tensor dx = compute.zeros(batch * queries, D_MODEL);
    Tensor dm = cross ? compute.zeros(batch * keys, D_MODEL) : dx;
    attention.backward(x, m, copyOf(r, batch * queries, D_MODEL), dx, dm, positionBias);

    GradientCheck.check("dx", data(x), data(dx).clone(), loss, ALL);
    if (cross) {
      GradientCheck.check("dm", data(m), data(dm).clone(), loss, ALL);
    }
    String module = T5ParameterLayout.sublayer(stack, 0, layer) + "."
        + T5ParameterLayout.attentionModule(kind);
    checkParameters(parametersWithPrefix(store, module), loss);
  }

  @ParameterizedTest(name = "{0} key/value heads")
  @CsvSource({"4", "2", "1"})
  void crossAttentionSublayerGradients(int keyValueHeads) {
    T5Config config = TinyModels.config(keyValueHeads, EnumSet.allOf(AttentionKind.class),
        FeedForwardKind.RELU, false, 0.2);
    ParameterStore store = randomStore(config, 30);
    AttentionSublayer sublayer = new AttentionSublayer(compute, new Workspace(compute), store,
        config, "decoder", 1, 1, AttentionKind.CROSS, new DropoutSites(compute, 0.2));
    int[] padding = {1, 1, 1, 1, 1, 1, 1, 1, 0, 0};
    AttentionMask mask = AttentionMask.padding(padding, 5);
    Tensor x = random(31, 8, D_MODEL);
    Tensor encoderOutput = random(32, 10, D_MODEL);
    double[] r = randomArray(8 * D_MODEL, 33);
    ForwardMode mode = ForwardMode.train(34);
    DoubleSupplier loss = () -> dot(sublayer.forward(x, 2, 4, encoderOutput, 5, null, mask,
        mode), r);

    loss.getAsDouble();
    Tensor dOut = copyOf(r, 8, D_MODEL);
    Tensor dEncoderOutput = compute.zeros(10, D_MODEL);
    sublayer.backward(x, dOut, dEncoderOutput, null);

    GradientCheck.check("dx", data(x), data(dOut).clone(), loss, ALL);
    GradientCheck.check("dEncoderOutput", data(encoderOutput), data(dEncoderOutput).clone(),
        loss, ALL);
    checkParameters(parametersWithPrefix(store, "decoder.block.1.layer.1."), loss);
  }

  @Test
  void feedForwardSublayerGradients() {
    T5Config config = TinyModels.config(2, EnumSet.allOf(AttentionKind.class),
        FeedForwardKind.GATED_GELU, false, 0.2);
    ParameterStore store = randomStore(config, 40);
    FeedForwardSublayer sublayer = new FeedForwardSublayer(compute, new Workspace(compute),
        store, config, "decoder", 0, 2, new DropoutSites(compute, 0.2));
    Tensor x = random(41, 6, D_MODEL);
    double[] r = randomArray(6 * D_MODEL, 42);
    ForwardMode mode = ForwardMode.train(43);
    DoubleSupplier loss = () -> dot(sublayer.forward(x, 6, mode), r);

    loss.getAsDouble();
    Tensor dOut = copyOf(r, 6, D_MODEL);
    sublayer.backward(x, dOut);

    GradientCheck.check("dx", data(x), data(dOut).clone(), loss, ALL);
    checkParameters(parametersWithPrefix(store, "decoder.block.0.layer.2."), loss);
  }

  @Test
  void crossEntropyGradients() {
    Tensor logits = random(50, 4, 7);
    int[] targets = {3, -1, 0, 6};
    DoubleSupplier loss = () -> compute.crossEntropy(logits, targets, null, 0);

    Tensor dLogits = compute.zeros(4, 7);
    compute.crossEntropy(logits, targets, dLogits, 1.0);

    GradientCheck.check("dLogits", data(logits), data(dLogits).clone(), loss, ALL);
  }

  private static List<Parameter> parametersWithPrefix(ParameterStore store, String prefix) {
    return store.parameters().stream().filter(p -> p.name().startsWith(prefix)).toList();
  }
}
