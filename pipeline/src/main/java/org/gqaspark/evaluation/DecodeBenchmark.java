package org.gqaspark.jobs.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.gqaspark.checkpoint.ModelCheckpoint;
import org.gqaspark.checkpoint.T5Checkpoints;
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
 * Measures one model of {@code gqa bench decode} on every (source length, batch size) cell:
 * greedy generation of exactly {@code steps} tokens per row (the end-of-sequence token is
 * ignored) for random source ids without padding, timed as the encoder pass and the decoder
 * steps. Each cell runs {@code repetitions} times; the medians are reported.
 *
 * <p>Dimensions: B batch size, T_enc source length.
 */
final class DecodeBenchRun {

  private static final Logger LOG = LoggerFactory.getLogger(DecodeBenchRun.class);

  /** One model to measure: a random-weight shape, or a checkpoint directory. */
  record Model(String label, String checkpoint, T5Config config) {

    int keyValueHeads() {
      return config.numKeyValueHeads();
    }

    boolean multiHead() {
      return config.isMultiHead();
    }
  }

  /** The timings of one cell, one entry per repetition. */
  record Cell(Model model, int batch, int sourceLength, int steps, List<DecodeTimings> runs) {

    double encoderSecondsPerSample() {
      return median(runs.stream().mapToDouble(DecodeTimings::encoderSeconds).toArray())
          / batch;
    }

    double decoderSecondsPerSample() {
      return median(runs.stream().mapToDouble(DecodeTimings::decoderSeconds).toArray())
          / batch;
    }

    double totalSecondsPerSample() {
      return median(runs.stream().mapToDouble(DecodeTimings::totalSeconds).toArray()) / batch;
    }

    /** Generated tokens per second of decoder-step time. */
    double decoderTokensPerSecond() {
      return steps / decoderSecondsPerSample();
    }

    /** Generated tokens per second of total time, the encoder pass included. */
    double totalTokensPerSecond() {
      return steps / totalSecondsPerSample();
    }
  }

  private DecodeBenchRun() {}

  /** Returns the models to measure, multi-head first so that later ones have a baseline. */
  static List<Model> models(DecodeBenchOptions options) throws IOException {
    List<Model> models = new ArrayList<>();
    if (options.checkpoints().isEmpty()) {
      for (int heads : options.keyValueHeads()) {
        models.add(new Model("kv" + heads, null, options.shape().config(heads)));
      }
    } else {
      for (String checkpoint : options.checkpoints()) {
        Path dir = new Path(checkpoint);
        T5Config config = ModelCheckpoint.readConfig(dir.getFileSystem(new Configuration()),
            dir);
        models.add(new Model(dir.getName(), checkpoint, config));
      }
    }
    models.sort((a, b) -> Integer.compare(b.keyValueHeads(), a.keyValueHeads()));
    return models;
  }

  /**
   * Loads or initialises the model on {@code compute} and measures every cell, calling
   * {@code sink} after each one.
   */
  static void measure(Model model, DecodeBenchOptions options, Compute compute,
      Consumer<Cell> sink) throws IOException {
    Generator generator = new Generator(model.config(), parameters(model, options, compute));
    GenerationOptions generation = GenerationOptions.greedy(options.steps())
        .withIgnoreEos(true);

    // JIT warm-up at the smallest cell
    int smallestLength = options.sourceLengths().stream().min(Integer::compare).orElseThrow();
    int smallestBatch = options.batchSizes().stream().min(Integer::compare).orElseThrow();
    for (int i = 0; i < options.warmup(); i++) {
      generator.generate(randomSource(model.config(), smallestBatch, smallestLength,
          options.seed() + i), generation);
    }

    for (int length : options.sourceLengths()) {
      for (int batch : options.batchSizes()) {
        SourceBatch source = randomSource(model.config(), batch, length, options.seed());
        List<DecodeTimings> runs = new ArrayList<>();
        for (int repetition = 0; repetition < options.repetitions(); repetition++) {
          GenerationResult result = generator.generate(source, generation);
          runs.add(result.timings());
          LOG.info("{} batch {} source length {}, repetition {}: encoder {} s, {} decoder"
              + " steps {} s", model.label(), batch, length, repetition + 1,
              String.format("%.3f", result.timings().encoderSeconds()),
              result.timings().steps(),
              String.format("%.3f", result.timings().decoderSeconds()));
        }
        sink.accept(new Cell(model, batch, length, options.steps(), runs));
      }
    }
  }

  private static ParameterStore parameters(Model model, DecodeBenchOptions options,
      Compute compute) throws IOException {
    if (model.checkpoint() != null) {
      Path dir = new Path(model.checkpoint());
      return T5Checkpoints.load(dir.getFileSystem(new Configuration()), dir, compute)
          .parameters();
    }
    ParameterStore store = ParameterStore.forModel(model.config(), compute);
    T5Initializer.initialize(store, model.config(), options.seed());
    return store;
  }

  /** Random ids in [2, V) (neither pad nor end of sequence), every row full length. */
  static SourceBatch randomSource(T5Config config, int batch, int length, long seed) {
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
