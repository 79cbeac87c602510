package org.gqaspark.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.gqaspark.spark.SerializableHadoopConfiguration;
import org.gqaspark.spark.StageProgressLogger;
import org.gqaspark.tables.DeltaTableWriter;
import org.gqaspark.tables.IngestTables;
import org.gqaspark.tables.RowSlice;
import org.gqaspark.tokenizer.Tokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokenizes corpora into Delta tables: every input record becomes either a row of {@code
 * examples} or a row of {@code rejects}, and {@code reject_counts} sums the rejects by reason.
 * Steps:
 *
 * <ol>
 *   <li>list the files on the driver, then read each file (or file pair) in one task, which
 *       yields records, rejects and the file's record count ({@link CorpusReader});
 *   <li>shuffle by example id into {@code partitions} tasks and sort, so duplicate ids meet,
 *       and tokenize with the broadcast tokenizer ({@link ExampleEncoder});
 *   <li>cache the outcome, count it, and write the three tables, each replacing the rows of
 *       this run id and these dataset splits in one Delta commit;
 *   <li>read the tables back and check, per dataset split, that examples plus rejects equal
 *       the input records.
 * </ol>
 */
public final class TokenizeJob {

  private static final Logger LOG = LoggerFactory.getLogger(TokenizeJob.class);
  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(15);

  private TokenizeJob() {}

  /**
   * Runs the job and returns what it read and wrote.
   *
   * @throws DataErrors.CorpusReadException when a path matches no file or a file cannot be
   *     read to its end
   * @throws DataErrors.CountMismatchException when the written rows do not add up to the input
   *     records
   */
  public static TokenizeReport run(SparkSession spark, TokenizeSettings settings,
      Tokenizer tokenizer) {
    long start = System.nanoTime();
    LOG.info("Tokenize run {}: tables under {}, {} partitions (0 = default parallelism), {},"
        + " tokenizer with {} ids", settings.runId(), settings.tables().root(),
        settings.partitions(), settings.limits(), tokenizer.vocabSize());
    for (DatasetSpec dataset : settings.datasets()) {
      LOG.info("Tokenize run {}: dataset {}", settings.runId(), dataset.describe());
    }

    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<ReadTask> tasks = CorpusFiles.plan(settings.datasets(), hadoop);
    long bytes = tasks.stream().mapToLong(t -> t.file().size()
        + (t.targetFile() == null ? 0 : t.targetFile().size())).sum();
    LOG.info("Tokenize run {}: {} read tasks over {} MB", settings.runId(), tasks.size(),
        String.format("%.1f", bytes / 1e6));

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableHadoopConfiguration> conf =
        jsc.broadcast(new SerializableHadoopConfiguration(hadoop));
    Broadcast<Tokenizer> sharedTokenizer = jsc.broadcast(tokenizer);
    try (StageProgressLogger progress =
        StageProgressLogger.attach(spark, "tokenize " + settings.runId(), PROGRESS_INTERVAL)) {
      Dataset<Row> outcome = outcome(spark, settings, tasks, conf, sharedTokenizer)
          .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        List<TokenizeReport.DatasetCounts> counts = tally(outcome, settings);
        write(spark, settings, outcome, counts);
        verify(spark, settings, counts);
        TokenizeReport report = new TokenizeReport(settings.runId(), counts,
            (System.nanoTime() - start) / 1e9);
        log(report);
        return report;
      } finally {
        outcome.unpersist();
      }
    } finally {
      sharedTokenizer.destroy();
      conf.destroy();
    }
  }

  /** Returns the rows of this run's slice of a table: its run id and dataset splits. */
  public static RowSlice slice(TokenizeSettings settings) {
    RowSlice slice = null;
    for (DatasetSpec dataset : settings.datasets()) {
      Map<String, Object> key = new LinkedHashMap<>();
      key.put("run_id", settings.runId().value());
      key.put("dataset", dataset.name());
      key.put("split", dataset.split());
      slice = slice == null ? RowSlice.where(key) : slice.or(key);
    }
    return slice;
  }

  private static Dataset<Row> outcome(SparkSession spark, TokenizeSettings settings,
      List<ReadTask> tasks, Broadcast<SerializableHadoopConfiguration> conf,
      Broadcast<Tokenizer> tokenizer) {
    ReadLimits limits = settings.limits();
    JavaRDD<Row> staged = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(tasks, tasks.size())
        .flatMap(task -> mapped(CorpusReader.read(task, conf.value().get(), limits),
            TokenizeRows::staged));

    Map<String, DatasetSpec> specs = new HashMap<>();
    for (DatasetSpec dataset : settings.datasets()) {
      specs.put(dataset.label(), dataset);
    }
    int partitions = settings.partitions() > 0 ? settings.partitions()
        : spark.sparkContext().defaultParallelism();
    return spark.createDataFrame(staged, TokenizeRows.STAGED)
        .repartition(partitions, col("dataset"), col("split"), col("partition_key"))
        .sortWithinPartitions("dataset", "split", "example_id", "file", "line")
        .mapPartitions(new ExampleEncoder(tokenizer, specs, limits.excerptChars()),
            Encoders.row(TokenizeRows.OUTCOME));
  }

  private static List<TokenizeReport.DatasetCounts> tally(Dataset<Row> outcome,
      TokenizeSettings settings) {
    List<Row> totals = outcome
        .groupBy("dataset", "split", "kind", "reason")
        .agg(count(lit(1)), sum("records"), sum("input_length"), sum("target_length"),
            sum(when(col("truncated"), 1).otherwise(0)))
        .collectAsList();

    List<TokenizeReport.DatasetCounts> counts = new ArrayList<>();
    for (DatasetSpec dataset : settings.datasets()) {
      long input = 0;
      long examples = 0;
      long inputTokens = 0;
      long targetTokens = 0;
      long truncated = 0;
      Map<RejectReason, Long> rejects = new EnumMap<>(RejectReason.class);
      for (Row row : totals) {
        if (!row.getString(0).equals(dataset.name()) || !row.getString(1).equals(dataset.split())) {
          continue;
        }
        switch (row.getString(2)) {
          case TokenizeRows.COUNT -> input += row.getLong(5);
          case TokenizeRows.EXAMPLE -> {
            examples += row.getLong(4);
            inputTokens += row.getLong(6);
            targetTokens += row.getLong(7);
            truncated += row.getLong(8);
          }
          default -> rejects.merge(RejectReason.valueOf(row.getString(3)), row.getLong(4),
              Long::sum);
        }
      }
      counts.add(new TokenizeReport.DatasetCounts(dataset.name(), dataset.split(), input,
          examples, rejects, inputTokens, targetTokens, truncated));
    }
    return counts;
  }

  private static void write(SparkSession spark, TokenizeSettings settings, Dataset<Row> outcome,
      List<TokenizeReport.DatasetCounts> counts) {
    RowSlice slice = slice(settings);
    String runId = settings.runId().value();

    Dataset<Row> examples = outcome.filter(col("kind").equalTo(TokenizeRows.EXAMPLE)).select(
        lit(runId).as("run_id"), col("dataset"), col("split"), col("example_id"),
        col("task_prefix"), col("input_ids"), col("target_ids"), col("input_length"),
        col("target_length"), col("truncated"), col("file").as("source_file"),
        col("target_file"), col("line").as("source_line"), col("source_text"),
        col("target_text"));
    DeltaTableWriter.replace(spark, IngestTables.EXAMPLES,
        settings.tables().path(IngestTables.EXAMPLES), examples, slice);

    Dataset<Row> rejects = outcome.filter(col("kind").equalTo(TokenizeRows.REJECT)).select(
        lit(runId).as("run_id"), col("dataset"), col("split"), col("file"), col("line"),
        col("reason"), col("message"), col("excerpt"));
    DeltaTableWriter.replace(spark, IngestTables.REJECTS,
        settings.tables().path(IngestTables.REJECTS), rejects, slice);

    List<Row> rows = new ArrayList<>();
    for (TokenizeReport.DatasetCounts dataset : counts) {
      for (Map.Entry<RejectReason, Long> reason : dataset.rejects().entrySet()) {
        rows.add(RowFactory.create(runId, dataset.dataset(), dataset.split(),
            reason.getKey().name(), reason.getValue(), dataset.inputRecords(),
            dataset.examples()));
      }
    }
    Dataset<Row> rejectCounts =
        spark.createDataFrame(rows, IngestTables.REJECT_COUNTS.structType());
    DeltaTableWriter.replace(spark, IngestTables.REJECT_COUNTS,
        settings.tables().path(IngestTables.REJECT_COUNTS), rejectCounts, slice);
  }

  /** Checks from the written tables that examples plus rejects equal the input records. */
  private static void verify(SparkSession spark, TokenizeSettings settings,
      List<TokenizeReport.DatasetCounts> counts) {
    String filter = slice(settings).sql();
    Map<String, Long> examples = countByDataset(spark,
        settings.tables().path(IngestTables.EXAMPLES), filter);
    Map<String, Long> rejects = countByDataset(spark,
        settings.tables().path(IngestTables.REJECTS), filter);
    for (TokenizeReport.DatasetCounts dataset : counts) {
      String label = dataset.dataset() + "/" + dataset.split();
      long written = examples.getOrDefault(label, 0L);
      long rejected = rejects.getOrDefault(label, 0L);
      if (written + rejected != dataset.inputRecords()) {
        throw DataErrors.countMismatch(settings.runId().value(), dataset.dataset(),
            dataset.split(), dataset.inputRecords(), written, rejected);
      }
    }
  }

  private static Map<String, Long> countByDataset(SparkSession spark, String path,
      String filter) {
    Map<String, Long> counts = new HashMap<>();
    for (Row row : spark.read().format("delta").load(path).filter(filter)
        .groupBy("dataset", "split").count().collectAsList()) {
      counts.put(row.getString(0) + "/" + row.getString(1), row.getLong(2));
    }
    return counts;
  }

  private static void log(TokenizeReport report) {
    for (TokenizeReport.DatasetCounts dataset : report.datasets()) {
      List<String> reasons = new ArrayList<>();
      dataset.rejects().forEach((reason, n) -> {
        if (n > 0) {
          reasons.add(reason + " " + n);
        }
      });
      LOG.info("Tokenize run {}: {}/{}: {} input records = {} examples + {} rejects {};"
          + " {} input and {} target tokens; {} truncated", report.runId(), dataset.dataset(),
          dataset.split(), dataset.inputRecords(), dataset.examples(), dataset.rejected(),
          reasons, dataset.inputTokens(), dataset.targetTokens(), dataset.truncated());
    }
    LOG.info("Tokenize run {}: {} input records, {} examples, {} rejects, {} tokens in {} s"
        + " ({} records/s)", report.runId(), report.inputRecords(), report.examples(),
        report.rejected(), report.tokens(), String.format("%.1f", report.seconds()),
        String.format("%.0f", report.inputRecords() / report.seconds()));
  }

  private static <A, B> Iterator<B> mapped(Iterator<A> items, Function<A, B> function) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return items.hasNext();
      }

      @Override
      public B next() {
        return function.apply(items.next());
      }
    };
  }
}
