package org.gqaspark.training;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.gqaspark.tables.IngestTables;
import org.gqaspark.tables.RowSlice;
import org.gqaspark.tables.TableLocations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Builds training sources from the {@code examples} Delta table that {@code gqa tokenize}
 * writes. The records of a dataset split are ordered by example id, so that record indices
 * are the same in every attempt and on every cluster:
 *
 * <ul>
 *   <li>{@link #supervised}: one record per example, input and target ids as tokenized (task
 *       prefix and EOS included);
 *   <li>{@link #packed}: raw text for span corruption. The chosen fields of every example
 *       (input ids, target ids or both, each without its EOS) are documents; the documents
 *       are concatenated in example-id order, without separators as T5's
 *       {@code reduce_concat_tokens}, and cut into chunks of a fixed number of tokens (the
 *       last one may be shorter). Tokenize raw-text corpora with an empty task prefix, else
 *       the prefix becomes part of the text.
 * </ul>
 */
public final class ExampleSources {

  private static final Logger LOG = LoggerFactory.getLogger(ExampleSources.class);

  /** Token lists of an example that span corruption reads as text. */
  public enum Field { INPUT, TARGET }

  private ExampleSources() {}

  /** Returns the rows of one dataset split of a tokenize run. */
  static Dataset<Row> rows(SparkSession spark, TableLocations tables, String tokenizeRunId,
      String dataset, String split) {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("run_id", tokenizeRunId);
    key.put("dataset", dataset);
    key.put("split", split);
    return spark.read().format("delta").load(tables.path(IngestTables.EXAMPLES))
        .filter(RowSlice.where(key).sql());
  }

  /** Returns a source of supervised examples, cached. */
  public static TrainingSource supervised(SparkSession spark, TableLocations tables,
      String tokenizeRunId, String dataset, String split, Objective objective, double rate) {
    String label = dataset + "/" + split;
    JavaPairRDD<Long, SourceRecord> records = rows(spark, tables, tokenizeRunId, dataset, split)
        .select("example_id", "input_ids", "target_ids")
        .orderBy("example_id")
        .javaRDD()
        .zipWithIndex()
        .mapToPair(pair -> new Tuple2<>(pair._2(), new SourceRecord(ids(pair._1(), 1),
            ids(pair._1(), 2))))
        .persist(StorageLevel.MEMORY_AND_DISK());
    records.setName("records of " + label);
    long size = records.count();
    LOG.info("Source {} (tokenize run {}): {} supervised examples.", label, tokenizeRunId,
        size);
    return new TrainingSource(label, records, size, objective, rate);
  }

  /**
   * Returns a source of raw-text chunks of {@code chunkLength} tokens, cached.
   *
   * @param eosId stripped from the end of every document
   */
  public static TrainingSource packed(SparkSession spark, TableLocations tables,
      String tokenizeRunId, String dataset, String split, List<Field> fields, int chunkLength,
      int eosId, Objective objective, double rate) {
    String label = dataset + "/" + split;
    if (chunkLength < 1 || fields.isEmpty()) {
      throw TrainingErrors.invalidSetting("chunk length and fields of " + label,
          chunkLength + ", " + fields, "a positive length and one or more fields");
    }
    Dataset<Row> rows = rows(spark, tables, tokenizeRunId, dataset, split);
    warnAboutPrefixes(rows, label, fields);

    boolean input = fields.contains(Field.INPUT);
    boolean target = fields.contains(Field.TARGET);
    JavaRDD<int[]> documents = rows.select("example_id", "input_ids", "target_ids")
        .orderBy("example_id")
        .javaRDD()
        .flatMap(row -> {
          List<int[]> texts = new ArrayList<>(2);
          if (input) {
            addDocument(texts, ids(row, 1), eosId);
          }
          if (target) {
            addDocument(texts, ids(row, 2), eosId);
          }
          return texts.iterator();
        })
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      JavaPairRDD<Long, SourceRecord> chunks = pack(documents, chunkLength)
          .persist(StorageLevel.MEMORY_AND_DISK());
      chunks.setName("chunks of " + label);
      long size = chunks.count();
      LOG.info("Source {} (tokenize run {}): {} chunks of up to {} tokens from fields {}.",
          label, tokenizeRunId, size, chunkLength, fields);
      return new TrainingSource(label, chunks, size, objective, rate);
    } finally {
      documents.unpersist(false);
    }
  }

  /**
   * Cuts documents, in their RDD order, into chunks: the running token offset of each
   * partition comes from a first pass that counts tokens per partition.
   */
  static JavaPairRDD<Long, SourceRecord> pack(JavaRDD<int[]> documents, int chunkLength) {
    List<Long> counts = documents.mapPartitions(docs -> {
      long tokens = 0;
      while (docs.hasNext()) {
        tokens += docs.next().length;
      }
      return List.of(tokens).iterator();
    }).collect();
    long[] offsets = new long[counts.size()];
    for (int p = 1; p < offsets.length; p++) {
      offsets[p] = offsets[p - 1] + counts.get(p - 1);
    }

    JavaPairRDD<Long, Piece> pieces = documents.mapPartitionsWithIndex((partition, docs) -> {
      List<Tuple2<Long, Piece>> out = new ArrayList<>();
      long offset = offsets[partition];
      while (docs.hasNext()) {
        int[] tokens = docs.next();
        int done = 0;
        while (done < tokens.length) {
          int within = (int) (offset % chunkLength);
          int take = Math.min(chunkLength - within, tokens.length - done);
          out.add(new Tuple2<>(offset / chunkLength,
              new Piece(within, Arrays.copyOfRange(tokens, done, done + take))));
          done += take;
          offset += take;
        }
      }
      return out.iterator();
    }, true).mapToPair(pair -> pair);

    return pieces.groupByKey(documents.getNumPartitions()).mapValues(parts -> {
      List<Piece> sorted = new ArrayList<>();
      parts.forEach(sorted::add);
      sorted.sort(Comparator.comparingInt(Piece::offset));
      int length = 0;
      for (Piece piece : sorted) {
        length += piece.tokens().length;
      }
      int[] chunk = new int[length];
      int at = 0;
      for (Piece piece : sorted) {
        System.arraycopy(piece.tokens(), 0, chunk, at, piece.tokens().length);
        at += piece.tokens().length;
      }
      return SourceRecord.chunk(chunk);
    });
  }

  /** Part of a document inside one chunk, starting at {@code offset} in the chunk. */
  record Piece(int offset, int[] tokens) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private static void addDocument(List<int[]> texts, int[] ids, int eosId) {
    int length = ids.length > 0 && ids[ids.length - 1] == eosId ? ids.length - 1 : ids.length;
    if (length > 0) {
      texts.add(Arrays.copyOf(ids, length));
    }
  }

  private static int[] ids(Row row, int column) {
    List<Integer> list = row.getList(column);
    int[] ids = new int[list.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = list.get(i);
    }
    return ids;
  }

  private static void warnAboutPrefixes(Dataset<Row> rows, String label, List<Field> fields) {
    if (!fields.contains(Field.INPUT)) {
      return;
    }
    List<Row> prefixes = rows.select(col("task_prefix")).filter(col("task_prefix").notEqual(""))
        .distinct().limit(3).collectAsList();
    if (!prefixes.isEmpty()) {
      LOG.warn("Source {} has task prefixes such as \"{}\" in its input ids; span corruption"
          + " treats them as text. Tokenize raw text with an empty task-prefix.", label,
          prefixes.get(0).getString(0));
    }
  }
}
