package org.gqaspark.jobs.vocab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.gqaspark.tokenizer.NormalizerSpec;
import org.gqaspark.tokenizer.SentencePieceModel;
import org.gqaspark.tokenizer.UnigramTrainer;
import org.gqaspark.tokenizer.UnigramTrainerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gqa vocab train}: trains a SentencePiece unigram vocabulary on text files with Spark
 * and writes a {@code spiece.model} that the sentencepiece library and this project load.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
        "Trains a SentencePiece unigram vocabulary (T5 layout: pad 0, EOS 1, unknown 2) on"
            + " Spark and writes it as spiece.model.",
        "Without --normalization-model the text is not Unicode-normalised: pass T5's"
            + " spiece.model to copy its nmt_nfkc rules."})
public final class VocabTrainCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(VocabTrainCommand.class);

  @Spec
  CommandSpec spec;

  @Option(names = "--input", required = true, split = ",",
      description = "Text files or folders, one sentence per line, gzip allowed; local paths or"
          + " s3a:// URIs. Repeat or separate with commas.")
  List<String> inputs;

  @Option(names = "--json-field",
      description = "Read the inputs as JSON lines and train on this field, a string or an"
          + " array of strings (e.g. source for SciTLDR).")
  String jsonField;

  @Option(names = "--vocab-size", required = true,
      description = "Pieces in the written model, special pieces and sentinels included.")
  int vocabSize;

  @Option(names = "--output", required = true,
      description = "Where to write the model (local path or s3a:// URI).")
  String output;

  @Option(names = "--normalization-model",
      description = "A spiece.model whose normaliser (name and precompiled charsmap) the new"
          + " model copies, e.g. T5's for nmt_nfkc. Default: the identity normaliser.")
  String normalizationModel;

  @Option(names = "--sentinels", defaultValue = "0",
      description = "T5 sentinels <extra_id_N> written as the top ids (default: ${DEFAULT-VALUE};"
          + " loading then appends T5's 100 after the pieces).")
  int sentinels;

  @Option(names = "--character-coverage", defaultValue = "0.9995",
      description = "Share of character occurrences covered by single-character pieces"
          + " (default: ${DEFAULT-VALUE}).")
  float characterCoverage;

  @Option(names = "--max-piece-length", defaultValue = "16",
      description = "Maximum piece length in characters (default: ${DEFAULT-VALUE}).")
  int maxPieceLength;

  @Option(names = "--seed-size", defaultValue = "1000000",
      description = "Pieces that EM starts from (default: ${DEFAULT-VALUE}).")
  int seedSize;

  @Option(names = "--max-sentence-bytes", defaultValue = "4192",
      description = "Longer lines, in UTF-8 bytes, are skipped (default: ${DEFAULT-VALUE}).")
  int maxSentenceBytes;

  @Option(names = "--required-chars", defaultValue = "",
      description = "Characters that must become pieces whatever their frequency.")
  String requiredChars;

  @Option(names = "--no-dummy-prefix",
      description = "Do not put a space before each line (T5 models are trained with one).")
  boolean noDummyPrefix;

  @Option(names = "--split-digits", description = "Make every digit a piece of its own.")
  boolean splitDigits;

  @Option(names = "--threads",
      description = "Driver threads for EM (default: the driver's available processors).")
  Integer threads;

  @Option(names = "--spark-master",
      description = "Spark master URL when not run by spark-submit (default: local[*]).")
  String sparkMaster;

  @Override
  public Integer call() throws IOException {
    UnigramTrainerOptions options = options();
    SparkSession spark = session();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();

    NormalizerSpec normalization;
    if (normalizationModel == null) {
      LOG.warn("No --normalization-model: training with the identity normaliser, so full-width,"
          + " compatibility and decomposed characters are not folded. Pass T5's spiece.model"
          + " for nmt_nfkc.");
      normalization = NormalizerSpec.of(NormalizerSpec.IDENTITY, new byte[0]);
    } else {
      normalization = SentencePieceModel.parse(readAll(normalizationModel, hadoop),
          normalizationModel).normalizerSpec();
    }

    SentencePieceModel model = UnigramTrainer.train(lines(spark), normalization, options, inputs);
    Path path = new Path(output);
    try (OutputStream stream = path.getFileSystem(hadoop).create(path, true)) {
      stream.write(model.toByteArray());
    }
    LOG.info("Wrote {} pieces to {}", model.size(), output);
    return 0;
  }

  private UnigramTrainerOptions options() {
    int driverThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    try {
      return new UnigramTrainerOptions(vocabSize, characterCoverage, maxPieceLength, seedSize,
          UnigramTrainerOptions.defaults(vocabSize).shrinkingFactor(),
          UnigramTrainerOptions.defaults(vocabSize).subIterations(), maxSentenceBytes, sentinels,
          true, true, splitDigits, !noDummyPrefix, driverThreads, requiredChars);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private SparkSession session() {
    SparkSession.Builder builder = SparkSession.builder().appName("gqa-vocab-train");
    if (System.getProperty("spark.master") == null) {
      builder.master(sparkMaster != null ? sparkMaster : "local[*]");
    }
    return builder.getOrCreate();
  }

  /** Returns the training lines: plain text, or one JSON field exploded when it is an array. */
  private Dataset<String> lines(SparkSession spark) {
    String[] paths = inputs.toArray(new String[0]);
    if (jsonField == null) {
      return spark.read().textFile(paths);
    }
    Dataset<Row> records = spark.read().json(paths);
    if (!List.of(records.columns()).contains(jsonField)) {
      throw new ParameterException(spec.commandLine(), "--json-field " + jsonField
          + " is not a field of the JSON records in " + inputs + "; fields: "
          + List.of(records.columns()));
    }
    DataType type = records.schema().apply(jsonField).dataType();
    Column field = functions.col(jsonField);
    Dataset<Row> texts = type instanceof ArrayType
        ? records.select(functions.explode(field).as("text"))
        : records.select(field.as("text"));
    return texts.select(functions.col("text").cast(DataTypes.StringType)).na().drop()
        .as(Encoders.STRING());
  }

  private static byte[] readAll(String location, Configuration hadoop) throws IOException {
    Path path = new Path(location);
    try (InputStream stream = path.getFileSystem(hadoop).open(path)) {
      return stream.readAllBytes();
    }
  }
}
