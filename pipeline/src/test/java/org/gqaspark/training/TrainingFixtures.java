package org.gqaspark.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.model.AttentionKind;
import org.gqaspark.checkpoint.T5Checkpoints;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.T5Config;
import org.gqaspark.model.compute.FloatCompute;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.tensor.GemmBackend;
import scala.Tuple2;

/** A tiny model, synthetic sources and settings for trainer tests. */
final class TrainingFixtures {

  /** Vocabulary: pad 0, EOS 1, text tokens 3 .. 53, sentinels 63 down to 54. */
  static final int VOCAB = 64;
  static final int EOS = 1;
  static final int[] SENTINELS = {63, 62, 61, 60, 59, 58, 57, 56, 55, 54};

  private TrainingFixtures() {}

  /**
   * d_model 16, d_kv 4, d_ff 32, 4 query heads with 2 key/value heads in decoder self- and
   * cross-attention, 2+2 layers, gated-GELU, untied, dropout 0.1.
   */
  static T5Config config() {
    return new T5Config(VOCAB, 16, 4, 32, 2, 2, 4, 2,
        EnumSet.of(AttentionKind.DECODER_SELF, AttentionKind.CROSS), 8, 20, 0.1, 1e-6,
        FeedForwardKind.GATED_GELU, false, 0, EOS, 0, 1.0, Map.of());
  }

  /** Returns a span-corruption source of {@code chunks} random chunks of 12 to 16 tokens. */
  static TrainingSource textSource(JavaSparkContext jsc, String label, int chunks, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Tuple2<Long, SourceRecord>> records = new ArrayList<>();
    for (long i = 0; i < chunks; i++) {
      records.add(new Tuple2<>(i, SourceRecord.chunk(tokens(random, 12 + random.nextInt(5)))));
    }
    JavaPairRDD<Long, SourceRecord> rdd = jsc.parallelizePairs(records, 3).cache();
    return new TrainingSource(label, rdd, chunks,
        new Objective.SpanCorruptionObjective(new SpanCorruption(0.15, 3.0, SENTINELS, EOS)),
        2.0);
  }

  /** Returns a supervised source whose targets are the inputs reversed, EOS last in both. */
  static TrainingSource reversalSource(JavaSparkContext jsc, String label, int examples,
      long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Tuple2<Long, SourceRecord>> records = new ArrayList<>();
    for (long i = 0; i < examples; i++) {
      int[] text = tokens(random, 3 + random.nextInt(6));
      int[] input = new int[text.length + 1];
      int[] target = new int[text.length + 1];
      for (int t = 0; t < text.length; t++) {
        input[t] = text[t];
        target[t] = text[text.length - 1 - t];
      }
      input[text.length] = EOS;
      target[text.length] = EOS;
      records.add(new Tuple2<>(i, new SourceRecord(input, target)));
    }
    JavaPairRDD<Long, SourceRecord> rdd = jsc.parallelizePairs(records, 2).cache();
    return new TrainingSource(label, rdd, examples, new Objective.Supervised(16, 16, EOS), 1.0);
  }

  private static int[] tokens(SplittableRandom random, int length) {
    int[] tokens = new int[length];
    for (int i = 0; i < length; i++) {
      tokens[i] = 3 + random.nextInt(51);
    }
    return tokens;
  }

  /** Returns the mixture of a text source and a reversal source. */
  static List<TrainingSource> mixture(SparkSession spark) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return List.of(textSource(jsc, "text/train", 37, 1), reversalSource(jsc, "reverse/train",
        23, 2));
  }

  /** Trains from random weights (seed 3) without validation. */
  static TrainingOutcome train(SparkSession spark, List<TrainingSource> sources,
      Settings settings) throws IOException {
    return DataParallelTrainer.run(spark, settings.build(), sources, null,
        new ModelInit.Random(config(), 3));
  }

  /** Loads the weights of a run's final checkpoint. */
  static ParameterStore load(TrainingOutcome outcome) throws IOException {
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(outcome.finalCheckpoint());
    return T5Checkpoints.load(FileSystem.getLocal(new Configuration()), dir,
        FloatCompute.withThreads(1)).parameters();
  }

  /** Settings of a synchronous run with checkpoints in {@code dir} and no tables. */
  static Settings settings(String runId, Path dir) {
    return new Settings(runId, dir);
  }

  /** A mutable builder of {@link TrainingSettings} with small test values. */
  static final class Settings {
    String runId;
    Path dir;
    String phase = "pretrain";
    long steps = 20;
    int batch = 8;
    int microBatch = 2;
    int partitions = 1;
    long seed = 7;
    int windowSteps = 8;
    OptimizerSettings optimizer = OptimizerSettings.adamW(3e-3);
    int localSgdSteps = 1;
    int depth = 2;
    long checkpointEvery = 10;
    int keep = 2;
    long validationEvery = 0;
    int maxNonFinite = 3;
    TableLocations tables;
    Set<Long> nanSteps = Set.of();

    Settings(String runId, Path dir) {
      this.runId = runId;
      this.dir = dir;
    }

    TrainingSettings build() {
      return new TrainingSettings(new RunId(runId), phase, null,
          dir.resolve(runId).toString(), steps, 0, new ShardLayout(batch, microBatch,
          partitions), seed, windowSteps, optimizer, localSgdSteps, depth, 1, 1,
          GemmBackend.JAVA, checkpointEvery, keep, 5, validationEvery, 4, 5, maxNonFinite, tables,
          null,
          nanSteps);
    }
  }
}
