package org.gqaspark.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
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

/**
 * Trains a SentencePiece unigram vocabulary on text with Spark ({@link UnigramTrainer}) and
 * writes it as {@code spiece.model}, a file that the sentencepiece library and this project
 * load. {@code gqa vocab train} and the experiment runner both call it.
 */
public final class VocabularyJob {

  private static final Logger LOG = LoggerFactory.getLogger(VocabularyJob.class);

  private VocabularyJob() {}

  /**
   * Text files to train on.
   *
   * @param paths files or folders, one sentence per line, gzip allowed; local paths or URIs
   * @param jsonField null for plain text; else the JSON-lines field to read, a string or an
   *     array of strings (each element one line)
   */
  public record Source(List<String> paths, String jsonField) {

    public Source {
      paths = List.copyOf(paths);
      if (paths.isEmpty()) {
        throw DataErrors.missingSetting(null, "paths", "with at least one vocabulary input");
      }
    }
  }

  /**
   * Trains the vocabulary and writes it to {@code output}, replacing an existing file.
   *
   * @param normalizationModel a spiece.model whose normalizer the new model copies (T5's for
   *     nmt_nfkc), or null for the identity normalizer
   * @throws DataErrors.InvalidSettingException when a JSON field is not in the records
   */
  public static SentencePieceModel run(SparkSession spark, List<Source> sources,
      String normalizationModel, UnigramTrainerOptions options, String output)
      throws IOException {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    NormalizerSpec normalization;
    if (normalizationModel == null) {
      LOG.warn("No normalization model: training with the identity normalizer, so"
          + " full-width, compatibility and decomposed characters are not folded. Pass T5's"
          + " spiece.model for nmt_nfkc.");
      normalization = NormalizerSpec.of(NormalizerSpec.IDENTITY, new byte[0]);
    } else {
      normalization = SentencePieceModel.parse(readAll(normalizationModel, hadoop),
          normalizationModel).normalizerSpec();
    }

    Dataset<String> lines = null;
    for (Source source : sources) {
      Dataset<String> part = lines(spark, source);
      lines = lines == null ? part : lines.union(part);
    }
    List<String> inputs = sources.stream().flatMap(source -> source.paths().stream()).toList();
    SentencePieceModel model = UnigramTrainer.train(lines, normalization, options, inputs);
    Path path = new Path(output);
    try (OutputStream stream = path.getFileSystem(hadoop).create(path, true)) {
      stream.write(model.toByteArray());
    }
    LOG.info("Wrote {} pieces to {}", model.size(), output);
    return model;
  }

  /** Returns the lines of one source: plain text, or a JSON field exploded when it is a list. */
  private static Dataset<String> lines(SparkSession spark, Source source) {
    String[] paths = source.paths().toArray(new String[0]);
    if (source.jsonField() == null) {
      return spark.read().textFile(paths);
    }
    Dataset<Row> records = spark.read().json(paths);
    if (!List.of(records.columns()).contains(source.jsonField())) {
      throw DataErrors.unknownJsonField(source.jsonField(), source.paths(),
          List.of(records.columns()));
    }
    DataType type = records.schema().apply(source.jsonField()).dataType();
    Column field = functions.col(source.jsonField());
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
