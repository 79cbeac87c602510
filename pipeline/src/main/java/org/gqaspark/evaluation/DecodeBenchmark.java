package org.gqaspark.evaluation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.gqaspark.checkpoint.FloatTensor;
import org.gqaspark.checkpoint.ModelCheckpoint;
import org.gqaspark.checkpoint.T5Checkpoints;
import org.gqaspark.conversion.ConversionOptions;
import org.gqaspark.conversion.ConvertedModel;
import org.gqaspark.conversion.GqaConversion;
import org.gqaspark.generation.DecodeTimings;
import org.gqaspark.generation.GenerationOptions;
import org.gqaspark.generation.GenerationResult;
import org.gqaspark.generation.Generator;
import org.gqaspark.generation.SourceBatch;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.T5Config;
import org.gqaspark.model.T5Initializer;
import org.gqaspark.model.compute.Compute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures decoding time of models on a grid of (source length, batch size) cells: greedy
 * generation of exactly {@code steps} tokens per row (the end-of-sequence token is ignored)
 * for random source ids without padding, timed as the encoder pass and the decoder steps.
 * Each cell runs {@code repetitions} times; the medians are reported. Shared by {@code gqa
 * bench decode} and {@code gqa decode-benchmark}.
 *
 * <p>Dimensions: B batch size, T_enc source length.
 */
public final class DecodeBenchmark {

  private static final Logger LOG = LoggerFactory.getLogger(DecodeBenchmark.class);

  /**
   * One model to measure.
   *
   * @param label short name for logs and tables, such as kv4 or the checkpoint folder name
   * @param checkpoint checkpoint directory (local or Hadoop URI), or null for random weights
   *     of {@code config}'s shape converted from multi-head attention
   * @param config the model's config
   */
  public record Model(String label, String checkpoint, T5Config config) {

    public int keyValueHeads() {
      return config.numKeyValueHeads();
    }

    public boolean multiHead() {
      return config.isMultiHead();
    }
  }

  /**
   * The cells to measure and how.
   *
   * @param sourceLengths source lengths T_enc
   * @param batchSizes batch sizes B
   * @param steps generated tokens per sequence, exactly
   * @param repetitions timed generations per cell; medians are reported
   * @param warmup untimed generations per model before its cells, at the smallest cell
   * @param seed seed of the random weights and source ids
   */
  public record Grid(List<Integer> sourceLengths, List<Integer> batchSizes, int steps,
      int repetitions, int warmup, long seed) {

    public Grid {
      requirePositive("source-lengths", sourceLengths);
      requirePositive("batch-sizes", batchSizes);
      if (steps < 1) {
        throw EvaluationErrors.invalidSetting("steps", steps, "at least 1");
      }
      if (repetitions < 1) {
        throw EvaluationErrors.invalidSetting("repetitions", repetitions, "at least 1");
      }
      if (warmup < 0) {
        throw EvaluationErrors.invalidSetting("warmup", warmup, "at least 0");
      }
      sourceLengths = List.copyOf(sourceLengths);
      batchSizes = List.copyOf(batchSizes);
    }

    private static void requirePositive(String key, List<Integer> values) {
      if (values == null || values.isEmpty()) {
        throw EvaluationErrors.invalidSetting(key, values, "at least one value");
      }
      for (int value : values) {
        if (value < 1) {
          throw EvaluationErrors.invalidSetting(key, value, "at least 1");
        }
      }
    }
  }

  /** The timings of one cell, one entry per repetition. */
  public record Cell(Model model, int batch, int sourceLength, int steps,
      List<DecodeTimings> runs) {

    public Cell {
      runs = List.copyOf(runs);
    }

    public double encoderSecondsPerSample() {
      return median(runs.stream().mapToDouble(DecodeTimings::encoderSeconds).toArray())
          / batch;
    }

    public double decoderSecondsPerSample() {
      return median(runs.stream().mapToDouble(DecodeTimings::decoderSeconds).toArray())
          / batch;
    }

    public double totalSecondsPerSample() {
      return median(runs.stream().mapToDouble(DecodeTimings::totalSeconds).toArray()) / batch;
    }

    /** Generated tokens per second of decoder-step time. */
    public double decoderTokensPerSecond() {
      return steps / decoderSecondsPerSample();
    }

    /** Generated tokens per second of total time, the encoder pass included. */
    public double totalTokensPerSecond() {
      return steps / totalSecondsPerSample();
    }
  }

  private DecodeBenchmark() {}

  /**
   * Returns the models to measure, multi-head first so that later ones have a baseline: the
   * checkpoints when any are given, else one random-weight model of {@code shape} per number
   * of key/value heads.
   */
  public static List<Model> models(List<String> checkpoints, BenchmarkShape shape,
      List<Integer> keyValueHeads, Configuration hadoop) throws IOException {
    List<Model> models = new ArrayList<>();
    if (checkpoints.isEmpty()) {
      for (int heads : keyValueHeads) {
        models.add(new Model("kv" + heads, null, shape.config(heads)));
      }
    } else {
      for (String checkpoint : checkpoints) {
        Path dir = new Path(checkpoint);
        T5Config config = ModelCheckpoint.readConfig(dir.getFileSystem(hadoop), dir);
        models.add(new Model(dir.getName(), checkpoint, config));
      }
    }
    models.sort((a, b) -> Integer.compare(b.keyValueHeads(), a.keyValueHeads()));
    return models;
  }

  /**
   * Loads or builds the model on {@code compute} and measures every cell, calling
   * {@code sink} after each one.
   */
  public static void measure(Model model, Grid grid, Compute compute, Configuration hadoop,
      Consumer<Cell> sink) throws IOException {
    Generator generator = new Generator(model.config(),
        parameters(model, grid.seed(), compute, hadoop));
    GenerationOptions generation = GenerationOptions.greedy(grid.steps()).withIgnoreEos(true);

    // JIT warm-up at the smallest cell
    int smallestLength = grid.sourceLengths().stream().min(Integer::compare).orElseThrow();
    int smallestBatch = grid.batchSizes().stream().min(Integer::compare).orElseThrow();
    for (int i = 0; i < grid.warmup(); i++) {
      generator.generate(randomSource(model.config(), smallestBatch, smallestLength,
          grid.seed() + i), generation);
    }

    for (int length : grid.sourceLengths()) {
      for (int batch : grid.batchSizes()) {
        SourceBatch source = randomSource(model.config(), batch, length, grid.seed());
        List<DecodeTimings> runs = new ArrayList<>();
        for (int repetition = 0; repetition < grid.repetitions(); repetition++) {
          GenerationResult result = generator.generate(source, generation);
          runs.add(result.timings());
          LOG.info("{} batch {} source length {}, repetition {}: encoder {} s, {} decoder"
              + " steps {} s", model.label(), batch, length, repetition + 1,
              String.format("%.3f", result.timings().encoderSeconds()),
              result.timings().steps(),
              String.format("%.3f", result.timings().decoderSeconds()));
        }
        sink.accept(new Cell(model, batch, length, grid.steps(), runs));
      }
    }
  }

  /**
   * Loads a checkpoint, or builds random multi-head weights from {@code seed} and converts
   * them by mean pooling to the model's key/value heads, as a converted checkpoint is built.
   */
  private static ParameterStore parameters(Model model, long seed, Compute compute,
      Configuration hadoop) throws IOException {
    if (model.checkpoint() != null) {
      Path dir = new Path(model.checkpoint());
      return T5Checkpoints.load(dir.getFileSystem(hadoop), dir, compute).parameters();
    }
    T5Config multiHead = BenchmarkShape.of(model.config()).multiHeadConfig();
    ParameterStore store = ParameterStore.forModel(multiHead, compute);
    T5Initializer.initialize(store, multiHead, seed);
    if (model.multiHead()) {
      return store;
    }
    Map<String, FloatTensor> tensors = T5Checkpoints.tensorsOf(store);
    ConvertedModel converted = GqaConversion.convert(multiHead, tensors,
        ConversionOptions.meanPool(model.keyValueHeads()));
    return T5Checkpoints.toStore(converted.config(), converted.tensors(), compute);
  }

  /** Random ids in [2, V) (neither pad nor end of sequence), every row full length. */
  public static SourceBatch randomSource(T5Config config, int batch, int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] ids = new int[batch * length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = random.nextInt(2, config.vocabSize());
    }
    int[] lengths = new int[batch];
    Arrays.fill(lengths, length);
    return SourceBatch.padded(ids, lengths, length);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
