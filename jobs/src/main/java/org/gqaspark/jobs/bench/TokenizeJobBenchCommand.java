package org.gqaspark.jobs.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.tensor.MachineInfo;
import org.gqaspark.data.CorpusSource;
import org.gqaspark.data.DatasetSpec;
import org.gqaspark.data.FieldPath;
import org.gqaspark.data.OverLengthPolicy;
import org.gqaspark.data.ReadLimits;
import org.gqaspark.data.TokenLimits;
import org.gqaspark.data.TokenizeJob;
import org.gqaspark.data.TokenizeReport;
import org.gqaspark.data.TokenizeSettings;
import org.gqaspark.data.VocabularyFiles;
import org.gqaspark.spark.SparkSessions;
import org.gqaspark.spark.SparkSettings;
import org.gqaspark.tables.RunId;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.tokenizer.Tokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gqa bench tokenize-job}: the tokenize job's throughput, end to end (listing, reading,
 * tokenizing, writing the three Delta tables and checking the counts), on each corpus set and
 * each Spark master. Each measurement is the median of the repetitions after one untimed
 * warm-up run in the same session. The first master is the baseline of the ratio column.
 */
@Command(
    name = "tokenize-job",
    mixinStandardHelpOptions = true,
    description = "Records/s and tokens/s of the tokenize job at each Spark master (default"
        + " local[1] and local[2]) on the shipped corpora, and on CNN/DailyMail when the shared"
        + " data folder has it; prints a table and one JSON line.")
public final class TokenizeJobBenchCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(TokenizeJobBenchCommand.class);
  private static final Pattern LOCAL_THREADS = Pattern.compile("local\\[(\\d+)]");
  private static final String CNNDM = "summarization/cnndm/cnndm_test_11490.jsonl.gz";

  @Spec
  CommandSpec spec;

  @Option(names = "--masters", split = ",", defaultValue = "local[1],local[2]",
      paramLabel = "MASTER", description = "Spark masters to compare, the first is the"
          + " baseline. Default: ${DEFAULT-VALUE}.")
  List<String> masters;

  @Option(names = "--repetitions", defaultValue = "3",
      description = "Timed runs per corpus set and master; the median is reported. Default:"
          + " ${DEFAULT-VALUE}.")
  int repetitions;

  @Option(names = "--vocabulary", defaultValue = "pipeline/src/test/resources/t5/spiece.model",
      paramLabel = "FILE", description = "SentencePiece model. Default: ${DEFAULT-VALUE}.")
  String vocabulary;

  @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
      description = "Folder of the shipped corpora. Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(names = "--shared-dir", paramLabel = "DIR",
      description = "Shared data folder with corpora that do not ship (CNN/DailyMail at"
          + " data/" + CNNDM + "). Default: the GQA_SHARED_DIR environment variable, else"
          + " ../shared; CNN/DailyMail is skipped when the file is absent.")
  Path sharedDir;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Folder for the Delta tables the runs write. Default: a new temporary"
          + " folder.")
  Path workDir;

  /** One timed measurement. */
  private record Result(String corpus, String master, int threads, long records, long tokens,
      double medianSeconds, double[] seconds) {

    double recordsPerSecond() {
      return records / medianSeconds;
    }

    double tokensPerSecond() {
      return tokens / medianSeconds;
    }
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (repetitions < 1) {
      throw new IllegalArgumentException("--repetitions must be at least 1 but got "
          + repetitions + ".");
    }
    Path work = workDir != null ? workDir : Files.createTempDirectory("gqa-bench-tokenize");
    Map<String, List<DatasetSpec>> corpora = corpora();
    String machine = MachineInfo.describeHost() + ", BLAS: not used";
    LOG.info("Machine: {}", machine);

    List<Result> results = new ArrayList<>();
    for (String master : masters) {
      results.addAll(measure(master, corpora, work));
    }
    printTable(out, results, machine);
    out.println(json(machine, results));
    out.flush();
    return 0;
  }

  private List<Result> measure(String master, Map<String, List<DatasetSpec>> corpora,
      Path work) throws IOException {
    int threads = threads(master);
    // Shuffles and Delta's table-state rebuild get one partition per thread: the defaults
    // (200 and 50) are sized for clusters and would dominate these small local runs.
    SparkSession spark = SparkSessions.create(new SparkSettings(master, "gqa-bench-tokenize",
        Map.of("spark.ui.enabled", "false",
            "spark.sql.shuffle.partitions", Integer.toString(threads),
            "spark.databricks.delta.snapshotPartitions", Integer.toString(threads)),
        List.of()));
    List<Result> results = new ArrayList<>();
    try {
      // T5 tokenizes with add_dummy_prefix on, whatever the flag in the shipped file.
      Tokenizer tokenizer = VocabularyFiles.load(vocabulary, true,
          spark.sparkContext().hadoopConfiguration());
      for (Map.Entry<String, List<DatasetSpec>> corpus : corpora.entrySet()) {
        TokenizeSettings settings = new TokenizeSettings(new RunId("bench"),
            new TableLocations(work.resolve(corpus.getKey()).toString()), threads,
            new ReadLimits(TokenizeSettings.DEFAULT_MAX_LINE_BYTES,
                TokenizeSettings.DEFAULT_EXCERPT_CHARS), corpus.getValue());
        LOG.info("Warm-up run: {} on {}", corpus.getKey(), master);
        TokenizeJob.run(spark, settings, tokenizer);
        double[] seconds = new double[repetitions];
        TokenizeReport report = null;
        for (int i = 0; i < repetitions; i++) {
          report = TokenizeJob.run(spark, settings, tokenizer);
          seconds[i] = report.seconds();
          LOG.info("{} on {}: run {}/{} took {} s", corpus.getKey(), master, i + 1, repetitions,
              String.format(Locale.ROOT, "%.2f", seconds[i]));
        }
        results.add(new Result(corpus.getKey(), master, threads, report.inputRecords(),
            report.tokens(), median(seconds), seconds));
      }
    } finally {
      spark.stop();
    }
    return results;
  }

  /** Returns the corpus sets: the shipped corpora, and CNN/DailyMail when it is present. */
  private Map<String, List<DatasetSpec>> corpora() {
    Map<String, List<DatasetSpec>> corpora = new LinkedHashMap<>();
    TokenLimits summaries = new TokenLimits(512, 128, OverLengthPolicy.TRUNCATE);
    List<DatasetSpec> shipped = new ArrayList<>();
    for (String split : List.of("train", "dev", "test")) {
      shipped.add(new DatasetSpec("scitldr", split, "summarize: ", summaries,
          new CorpusSource.Jsonl(List.of(shipped("scitldr/" + split + ".jsonl.gz")),
              FieldPath.parse("source"), FieldPath.parse("target.0"),
              FieldPath.parse("paper_id"), " ", " ")));
    }
    shipped.add(new DatasetSpec("tatoeba-en-de", "test", "translate English to German: ",
        new TokenLimits(128, 128, OverLengthPolicy.REJECT), new CorpusSource.TextPair(
            List.of(shipped("tatoeba-en-de/tatoeba-test-v2021-08-07.deu-eng.eng.gz")),
            List.of(shipped("tatoeba-en-de/tatoeba-test-v2021-08-07.deu-eng.deu.gz")))));
    corpora.put("shipped", shipped);

    Path shared = sharedDir;
    if (shared == null) {
      String variable = System.getenv("GQA_SHARED_DIR");
      shared = variable != null ? Path.of(variable) : Path.of("..", "shared");
    }
    Path cnndm = shared.resolve("data").resolve(CNNDM);
    if (Files.isRegularFile(cnndm)) {
      corpora.put("cnndm", List.of(new DatasetSpec("cnn_dailymail", "test", "summarize: ",
          summaries, new CorpusSource.Jsonl(List.of(cnndm.toAbsolutePath().toString()),
              FieldPath.parse("article"), FieldPath.parse("highlights"), FieldPath.parse("id"),
              " ", "\n"))));
    } else {
      LOG.warn("Skipping CNN/DailyMail: {} is absent; pass --shared-dir or set GQA_SHARED_DIR",
          cnndm);
    }
    return corpora;
  }

  private String shipped(String relative) {
    Path path = dataDir.resolve(relative);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("Shipped corpus file not found: " + path
          + ". Run from the repository root or pass --data-dir.");
    }
    return path.toAbsolutePath().toString();
  }

  /** Returns N of local[N], else the JVM's processors (local[*] and cluster masters). */
  private static int threads(String master) {
    Matcher matcher = LOCAL_THREADS.matcher(master);
    return matcher.matches() ? Integer.parseInt(matcher.group(1))
        : Runtime.getRuntime().availableProcessors();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private void printTable(PrintWriter out, List<Result> results, String machine) {
    out.printf(Locale.ROOT, "Tokenize job on %s; median of %d runs after one warm-up run;"
        + " vs_base: records/s over the %s run of the same corpus%n", machine, repetitions,
        masters.get(0));
    out.printf(Locale.ROOT, "%-8s %-10s %7s %8s %10s %9s %10s %10s %7s%n", "corpus", "master",
        "threads", "records", "tokens", "median_s", "records/s", "tokens/s", "vs_base");
    for (Result result : results) {
      Result base = results.stream()
          .filter(r -> r.corpus().equals(result.corpus()) && r.master().equals(masters.get(0)))
          .findFirst().orElse(result);
      out.printf(Locale.ROOT, "%-8s %-10s %7d %8d %10d %9.2f %10.0f %10.0f %7.2f%n",
          result.corpus(), result.master(), result.threads(), result.records(),
          result.tokens(), result.medianSeconds(), result.recordsPerSecond(),
          result.tokensPerSecond(), result.recordsPerSecond() / base.recordsPerSecond());
    }
  }

  private String json(String machine, List<Result> results)
      throws JsonProcessingException {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("benchmark", "tokenize-job");
    record.put("machine", machine);
    record.put("repetitions", repetitions);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Result result : results) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("corpus", result.corpus());
      row.put("master", result.master());
      row.put("threads", result.threads());
      row.put("records", result.records());
      row.put("tokens", result.tokens());
      row.put("median_seconds", result.medianSeconds());
      row.put("seconds", result.seconds());
      row.put("records_per_second", result.recordsPerSecond());
      row.put("tokens_per_second", result.tokensPerSecond());
      rows.add(row);
    }
    record.put("results", rows);
    return new ObjectMapper().writeValueAsString(record);
  }
}
