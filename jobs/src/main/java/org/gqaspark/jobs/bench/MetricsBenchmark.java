package org.gqaspark.jobs.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gqaspark.tensor.MachineInfo;
import org.gqaspark.metrics.BleuOptions;
import org.gqaspark.metrics.ChrfOptions;
import org.gqaspark.metrics.CorpusScores;
import org.gqaspark.metrics.MetricSuite;
import org.gqaspark.metrics.PrfScore;
import org.gqaspark.metrics.Rouge;
import org.gqaspark.metrics.RougeOptions;
import org.gqaspark.metrics.RougeType;
import org.gqaspark.metrics.SparkMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gqa bench metrics}: BLEU, chrF and ROUGE-1/2/L/Lsum with stemming over the CNN/DailyMail
 * test references (lead sentence of each article as hypothesis), single-threaded and on Spark,
 * with seconds, segments per second and the ratio to the single-threaded run of all metrics.
 */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    description = "Times BLEU, chrF and ROUGE over the CNN/DailyMail test references,"
        + " single-threaded and on Spark.")
public final class MetricsBenchmark implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsBenchmark.class);

  /** The file inside the shared data folder; the data may not ship with the repository. */
  static final String SHARED_FILE = "data/summarization/cnndm/cnndm_test_11490.jsonl.gz";

  @Spec
  CommandSpec spec;

  @Option(names = "--data", paramLabel = "FILE",
      description = "CNN/DailyMail test JSONL (.gz). Default: $GQA_SHARED_DIR/" + SHARED_FILE
          + ", or ../shared/" + SHARED_FILE + " without GQA_SHARED_DIR.")
  Path data;

  @Option(names = "--limit", defaultValue = "0",
      description = "Score only the first N articles; 0 scores all (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--warmup", defaultValue = "1000",
      description = "Articles scored once before timing, to compile the hot code"
          + " (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--spark-master", defaultValue = "local[2]",
      description = "Spark master of the distributed run (default: ${DEFAULT-VALUE}).")
  String sparkMaster;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path file = data != null ? data : defaultDataPath();
    if (!Files.isRegularFile(file)) {
      spec.commandLine().getErr().println("gqa bench metrics: CNN/DailyMail test data not"
          + " found at " + file + ". It does not ship with the repository: pass --data FILE"
          + " or set GQA_SHARED_DIR to the shared data folder that holds " + SHARED_FILE + ".");
      return 2;
    }
    List<CnnDailyMail.Pair> pairs = CnnDailyMail.read(file, limit);
    List<String> hypotheses = pairs.stream().map(CnnDailyMail.Pair::hypothesis).toList();
    List<List<String>> references = pairs.stream()
        .map(pair -> List.of(pair.reference())).toList();
    LOG.info("Read {} articles from {}", pairs.size(), file);

    MetricSuite all = new MetricSuite(BleuOptions.corpusDefaults(), ChrfOptions.chrf(),
        RougeOptions.standard(true));
    int warmupSize = Math.min(warmup, hypotheses.size());
    all.corpusScore(hypotheses.subList(0, warmupSize), references.subList(0, warmupSize), null);

    out.println("# gqa bench metrics");
    out.println("machine: " + MachineInfo.describeHost() + ", BLAS: not used");
    out.println("data: " + file + " (" + pairs.size() + " segments; hypothesis = lead sentence)");
    out.println();
    out.printf(Locale.ROOT, "%-34s %8s %7s %12s %7s%n", "run", "threads", "seconds",
        "segments/s", "ratio");

    List<Timing> timings = new ArrayList<>();
    timings.add(time("BLEU (13a, exp)", 1, pairs.size(), () -> new MetricSuite(
        BleuOptions.corpusDefaults(), null, null).corpusScore(hypotheses, references, null)));
    timings.add(time("chrF2", 1, pairs.size(), () -> new MetricSuite(null, ChrfOptions.chrf(),
        null).corpusScore(hypotheses, references, null)));
    timings.add(time("ROUGE-1/2/L/Lsum, stemmed", 1, pairs.size(), () -> new MetricSuite(null,
        null, RougeOptions.standard(true)).corpusScore(hypotheses, references, null)));
    Timing baseline = time("all three", 1, pairs.size(),
        () -> all.corpusScore(hypotheses, references, null));
    timings.add(baseline);
    timings.add(timeSpark(all, hypotheses, references, baseline.result()));
    for (Timing timing : timings) {
      out.printf(Locale.ROOT, "%-34s %8s %7.2f %12.0f %7.2f%n", timing.name(), timing.threads(),
          timing.seconds(), timing.segments() / timing.seconds(),
          baseline.seconds() / timing.seconds());
    }

    out.println();
    out.println("ratio = seconds of 'all three' single-threaded / seconds of the run");
    printScores(out, baseline.result());
    printLongLines(out);
    out.flush();
    return 0;
  }

  private record Timing(String name, String threads, double seconds, long segments,
      CorpusScores result) {}

  private Timing time(String name, int threads, long segments, Supplier<CorpusScores> run) {
    long start = System.nanoTime();
    CorpusScores result = run.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info("{}: {} segments in {} s", name, segments, String.format(Locale.ROOT, "%.2f",
        seconds));
    return new Timing(name, Integer.toString(threads), seconds, segments, result);
  }

  private Timing timeSpark(MetricSuite suite, List<String> hypotheses,
      List<List<String>> references, CorpusScores expected) {
    SparkSession spark = SparkSession.builder().master(sparkMaster)
        .appName("gqa-bench-metrics").config("spark.ui.enabled", "false").getOrCreate();
    try {
      StructType schema = new StructType().add("hypothesis", DataTypes.StringType)
          .add("references", DataTypes.createArrayType(DataTypes.StringType, true));
      List<Row> rows = new ArrayList<>(hypotheses.size());
      for (int i = 0; i < hypotheses.size(); i++) {
        rows.add(RowFactory.create(hypotheses.get(i), references.get(i)));
      }
      int partitions = spark.sparkContext().defaultParallelism() * 4;
      Dataset<Row> data = spark.createDataFrame(rows, schema).repartition(partitions).cache();
      data.count();
      // One untimed pass compiles the executor code, as the single-threaded warm-up does.
      SparkMetrics.corpusScores(data.limit(warmup), "hypothesis", "references", suite, null);
      Timing timing = time("all three on Spark " + sparkMaster, 1, hypotheses.size(),
          () -> SparkMetrics.corpusScores(data, "hypothesis", "references", suite, null));
      boolean equal = timing.result().bleu().score() == expected.bleu().score()
          && timing.result().chrf().score() == expected.chrf().score()
          && timing.result().rouge().means().equals(expected.rouge().means());
      LOG.info("Spark scores equal the single-threaded scores: {}", equal);
      if (!equal) {
        throw new IllegalStateException("Spark scores differ from the single-threaded scores:"
            + " BLEU " + timing.result().bleu().score() + " vs " + expected.bleu().score()
            + "; this is a bug in the metrics package.");
      }
      return new Timing(timing.name(), String.valueOf(spark.sparkContext().defaultParallelism()),
          timing.seconds(), timing.segments(), timing.result());
    } finally {
      spark.stop();
    }
  }

  private static void printScores(PrintWriter out, CorpusScores scores) {
    out.println();
    out.printf(Locale.ROOT, "BLEU = %.2f  %s%n", scores.bleu().score(),
        scores.bleu().signature());
    out.printf(Locale.ROOT, "%s = %.2f  %s%n", scores.chrf().name(), scores.chrf().score(),
        scores.chrf().signature());
    for (var entry : scores.rouge().means().entrySet()) {
      PrfScore mean = entry.getValue();
      out.printf(Locale.ROOT, "%s = P %.4f R %.4f F %.4f%n", entry.getKey().name(),
          mean.precision(), mean.recall(), mean.fmeasure());
    }
    out.println("(Spark scores equal these exactly; the run stops with an error otherwise.)");
  }

  /** Times ROUGE-L on a 3,000-token pair and ROUGE-L with ROUGE-Lsum on a 20,000-token pair. */
  private static void printLongLines(PrintWriter out) {
    Rouge rougeL = new Rouge(RougeOptions.of(List.of("rougeL"), false));
    Rouge both = new Rouge(RougeOptions.of(List.of("rougeL", "rougeLsum"), false));
    String[] short3000 = LongLines.pair(3000, 20240601L);
    String[] long20000 = LongLines.pair(20000, 20240602L);
    rougeL.score(short3000[0], short3000[1]);
    double seconds3000 = Double.MAX_VALUE;
    for (int repeat = 0; repeat < 5; repeat++) {
      long start = System.nanoTime();
      rougeL.score(short3000[0], short3000[1]);
      seconds3000 = Math.min(seconds3000, (System.nanoTime() - start) / 1e9);
    }
    long start = System.nanoTime();
    var scores = both.score(long20000[0], long20000[1]);
    double seconds20000 = (System.nanoTime() - start) / 1e9;
    out.println();
    out.printf(Locale.ROOT, "ROUGE-L, two 3,000-token lines: %.4f s (best of 5)%n",
        seconds3000);
    out.printf(Locale.ROOT, "ROUGE-L + ROUGE-Lsum, two 20,000-token lines: %.2f s"
        + " (F: %.4f, %.4f)%n", seconds20000, scores.get(RougeType.ROUGE_L).fmeasure(),
        scores.get(RougeType.ROUGE_LSUM).fmeasure());
  }

  private static Path defaultDataPath() {
    String shared = System.getenv("GQA_SHARED_DIR");
    return Path.of(shared != null ? shared : "../shared").resolve(SHARED_FILE);
  }
}
