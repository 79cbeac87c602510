package org.gqaspark.evaluation;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.checkpoint.ExistingDirectory;
import org.gqaspark.checkpoint.T5Checkpoints;
import org.gqaspark.checkpoint.WriteOptions;
import org.gqaspark.conversion.ConversionOptions;
import org.gqaspark.conversion.ConvertedModel;
import org.gqaspark.conversion.GqaConversion;
import org.gqaspark.data.TokenizeConfig;
import org.gqaspark.data.TokenizeJob;
import org.gqaspark.data.TokenizeSettings;
import org.gqaspark.data.VocabularyFiles;
import org.gqaspark.metrics.BleuTokenizer;
import org.gqaspark.metrics.Bootstrap;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.T5Config;
import org.gqaspark.model.T5Initializer;
import org.gqaspark.model.compute.FloatCompute;
import org.gqaspark.tables.IngestTables;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.testing.RepoPaths;
import org.gqaspark.tokenizer.SentencePieceTokenizer;

/**
 * Shared inputs of the evaluation tests. The real tokenize job tokenizes the shipped SciTLDR
 * test split and Tatoeba English-German test set. The checkpoint is a tiny T5 with the T5
 * vocabulary: random multi-head weights (seed 7) converted by mean pooling to 2 key/value
 * heads of 4.
 */
final class EvaluationFixture {

  static final String TOKENIZE_RUN = "tokenize-eval";
  static final String VOCABULARY = RepoPaths.root()
      .resolve("pipeline/src/test/resources/t5/spiece.model").toString();

  /** d_model 16, d_kv 4, d_ff 32, 4 heads, 1 + 2 layers, the T5 vocabulary size. */
  static final T5Config MULTI_HEAD = T5Config.multiHead(32128, 16, 4, 32, 1, 2, 4,
      FeedForwardKind.RELU, true);

  static final int MAX_EXAMPLES = 6;

  /** Tables with the tokenized corpora and a checkpoint, made once per test JVM. */
  record Shared(java.nio.file.Path folder, TableLocations tables, String checkpoint) {}

  private static Shared shared;

  private EvaluationFixture() {}

  /**
   * Returns the shared tables and checkpoint, tokenizing and writing them on first use:
   * tokenizing costs more than an evaluation, so the test classes share one examples table
   * and write their rows under their own run ids. The folder is deleted when the JVM exits.
   */
  static synchronized Shared shared(SparkSession spark) throws IOException {
    if (shared == null) {
      java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("gqa-evaluation");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(folder)));
      TableLocations tables = new TableLocations(folder.resolve("delta").toString());
      tokenize(spark, tables);
      String checkpoint = folder.resolve("checkpoint").toString();
      writeCheckpoint(checkpoint, spark.sparkContext().hadoopConfiguration());
      shared = new Shared(folder, tables, checkpoint);
    }
    return shared;
  }

  /** Copies the shared examples table (as written by the tokenize job) under {@code tables}. */
  static void copyExamples(SparkSession spark, TableLocations tables) throws IOException {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Path from = new Path(shared(spark).tables().path(IngestTables.EXAMPLES));
    Path to = new Path(tables.path(IngestTables.EXAMPLES));
    FileUtil.copy(from.getFileSystem(hadoop), from, to.getFileSystem(hadoop), to, false,
        hadoop);
  }

  private static void deleteQuietly(java.nio.file.Path folder) {
    try (var paths = java.nio.file.Files.walk(folder)) {
      for (java.nio.file.Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("Could not delete " + folder + ": " + e);
    }
  }

  /** Tokenizes the shipped SciTLDR test split and Tatoeba test set under {@code tables}. */
  static void tokenize(SparkSession spark, TableLocations tables) throws IOException {
    String text = """
        tables.root = "%s"
        tokenize {
          datasets = [
            { name = scitldr, split = test, format = jsonl, paths = ["%s"]
              source-field = source, target-field = "target.0", id-field = paper_id
              task-prefix = "summarize: ", max-input-tokens = 512, max-target-tokens = 128
              over-length = truncate }
            { name = tatoeba, split = test, format = text-pair
              source-paths = ["%s"], target-paths = ["%s"]
              task-prefix = "translate English to German: "
              max-input-tokens = 128, max-target-tokens = 128 }
          ]
        }
        """.formatted(tables.root(), RepoPaths.shippedData("scitldr/test.jsonl.gz"),
        RepoPaths.shippedData("tatoeba-en-de/tatoeba-test-v2021-08-07.deu-eng.eng.gz"),
        RepoPaths.shippedData("tatoeba-en-de/tatoeba-test-v2021-08-07.deu-eng.deu.gz"));
    TokenizeSettings settings = TokenizeConfig.read(ConfigFactory.parseString(text),
        TOKENIZE_RUN);
    SentencePieceTokenizer tokenizer = VocabularyFiles.load(VOCABULARY, true,
        spark.sparkContext().hadoopConfiguration());
    TokenizeJob.run(spark, settings, tokenizer);
  }

  /** Writes the tiny grouped-query checkpoint to {@code dir} (local path or s3a URI). */
  static void writeCheckpoint(String dir, Configuration hadoop) throws IOException {
    try (FloatCompute compute = FloatCompute.withThreads(1)) {
      ParameterStore store = ParameterStore.forModel(MULTI_HEAD, compute);
      T5Initializer.initialize(store, MULTI_HEAD, 7);
      ConvertedModel converted = GqaConversion.convert(MULTI_HEAD,
          T5Checkpoints.tensorsOf(store), ConversionOptions.meanPool(2));
      Path path = new Path(dir);
      org.gqaspark.checkpoint.ModelCheckpoint.save(path.getFileSystem(hadoop), path,
          converted.config(), converted.tensors(), WriteOptions.defaults(),
          ExistingDirectory.REPLACE);
    }
  }

  /** Returns settings that decode six examples of each set, greedy, batches of 4. */
  static EvaluateSettings settings(String runId, TableLocations tables, String checkpoint) {
    return new EvaluateSettings(new RunId(runId), tables, checkpoint, "finetune-tiny",
        new RunId(TOKENIZE_RUN), VOCABULARY,
        List.of(new EvalSet("scitldr", "test", TaskKind.SUMMARIZATION, MAX_EXAMPLES),
            new EvalSet("tatoeba", "test", TaskKind.TRANSLATION, MAX_EXAMPLES)),
        new DecodingSettings(1, 4, 8, 1.0, 2, 1),
        new ScoringSettings(new Bootstrap(100, 12345, 0.95), true, BleuTokenizer.THIRTEEN_A));
  }
}
