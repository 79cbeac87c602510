package org.gqaspark.jobs.vocab;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.data.DataErrors;
import org.gqaspark.data.VocabularyJob;
import org.gqaspark.tokenizer.UnigramTrainerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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
    try {
      VocabularyJob.run(spark, List.of(new VocabularyJob.Source(inputs, jsonField)),
          normalizationModel, options, output);
    } catch (DataErrors.InvalidSettingException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
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
}
