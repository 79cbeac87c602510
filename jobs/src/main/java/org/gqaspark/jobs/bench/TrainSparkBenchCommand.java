package org.gqaspark.jobs.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.model.T5Config;
import org.gqaspark.spark.SparkSessions;
import org.gqaspark.spark.SparkSettings;
import org.gqaspark.tables.RunId;
import org.gqaspark.tensor.GemmBackend;
import org.gqaspark.tensor.MachineInfo;
import org.gqaspark.training.DataParallelTrainer;
import org.gqaspark.training.ModelInit;
import org.gqaspark.training.Objective;
import org.gqaspark.training.OptimizerSettings;
import org.gqaspark.training.ShardLayout;
import org.gqaspark.training.SourceRecord;
import org.gqaspark.training.StepRecord;
import org.gqaspark.training.TrainingSettings;
import org.gqaspark.training.TrainingSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import scala.Tuple2;

/**
 * {@code gqa bench train-spark}: training throughput of the data-parallel trainer on Spark
 * in target tokens per second, and the share of step time spent communicating (broadcast,
 * task scheduling, gradient aggregation), for the tiny shape at each Spark master. Every
 * master trains the same global batches (random ids, no padding) with one thread per task.
 * The first master is the baseline of the ratio column. Prints a table and one JSON line.
 */
@Command(
    name = "train-spark",
    mixinStandardHelpOptions = true,
    description = "Measures data-parallel training tokens/s and the communication share on"
        + " Spark for the tiny shape (d_model 256, d_ff 1024, 8 heads, d_kv 32, 4+4 layers,"
        + " vocab 16000, batch 16, lengths 64) at each master; prints a table and one JSON"
        + " line.")
public final class TrainSparkBenchCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(TrainSparkBenchCommand.class);
  private static final Pattern LOCAL_THREADS = Pattern.compile("local\\[(\\d+)]");
  private static final int EOS = 1;

  @Option(names = "--masters", split = ",", defaultValue = "local[1],local[2]",
      paramLabel = "MASTER", description = "Spark masters to compare; the first is the"
          + " baseline. Default: ${DEFAULT-VALUE}.")
  List<String> masters;

  @Option(names = "--partitions", split = ",", paramLabel = "P",
      description = "Partitions per master, in the order of --masters. Default: the threads"
          + " of local[N], else 2.")
  List<Integer> partitions;

  @Option(names = "--micro-batch", defaultValue = "8",
      description = "Examples per forward and backward pass; must divide the batch of 16."
          + " Default: ${DEFAULT-VALUE}.")
  int microBatch;

  @Option(names = "--kv-heads", defaultValue = "8",
      description = "Key/value heads of decoder self- and cross-attention; 8 is multi-head."
          + " Default: ${DEFAULT-VALUE}.")
  int keyValueHeads;

  @Option(names = "--steps", defaultValue = "6",
      description = "Timed training steps per master. Default: ${DEFAULT-VALUE}.")
  int steps;

  @Option(names = "--warmup-steps", defaultValue = "2",
      description = "Untimed steps before timing. Default: ${DEFAULT-VALUE}.")
  int warmupSteps;

  @Option(names = "--driver-threads",
      description = "Threads of the optimizer update on the driver. Default: the available"
          + " processors.")
  Integer driverThreads;

  @Option(names = "--gemm", defaultValue = "auto",
      description = "Matrix products: auto, java or native. Default: ${DEFAULT-VALUE}.")
  String gemm;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Folder for the runs' checkpoints. Default: a new temporary folder.")
  Path workDir;

  /** The timings of one master. */
  record Result(String master, int partitions, double tokensPerSecond, double stepSeconds,
      double computeSeconds, double communicationSeconds, double lastLoss) {

    double communicationShare() {
      return communicationSeconds / stepSeconds;
    }
  }

  @Override
  public Integer call() throws IOException {
    TrainBenchShape shape = TrainBenchShape.TINY;
    if (steps < 1 || warmupSteps < 1) {
      throw BenchErrors.invalidOption("--steps and --warmup-steps", steps + ", " + warmupSteps,
          "at least 1 each (the first step builds the worker models)");
    }
    if (partitions != null && partitions.size() != masters.size()) {
      throw BenchErrors.invalidOption("--partitions", partitions,
          "one value per master (" + masters.size() + ")");
    }
    Path work = workDir != null ? workDir : Files.createTempDirectory("gqa-bench-train-spark");
    MachineInfo machine = MachineInfo.collect(0);
    LOG.info("Machine: {}", machine);

    List<Result> results = new ArrayList<>();
    for (int i = 0; i < masters.size(); i++) {
      String master = masters.get(i);
      int p = partitions != null ? partitions.get(i) : threads(master);
      results.add(measure(shape, master, p, work.resolve("run-" + i)));
    }
    print(shape, machine, results);
    System.out.println(json(shape, machine, results));
    return 0;
  }

  private Result measure(TrainBenchShape shape, String master, int partitionCount, Path dir)
      throws IOException {
    SparkSession spark = SparkSessions.create(new SparkSettings(master, "gqa-bench-train-spark",
        Map.of("spark.ui.enabled", "false", "spark.task.cpus", "1"), List.of()));
    try {
      T5Config config = shape.config(keyValueHeads);
      int total = warmupSteps + steps;
      TrainingSettings settings = new TrainingSettings(new RunId("bench"), "pretrain", null,
          dir.toString(), total, 0, new ShardLayout(shape.batch(), microBatch, partitionCount),
          0, total, OptimizerSettings.adamW(1e-4), 1, 2, 0,
          driverThreads != null ? driverThreads : Runtime.getRuntime().availableProcessors(),
          GemmBackend.parse(gemm), total, 1, total, 0, 1, total, 5, null, null, Set.of());
      List<StepRecord> records = new ArrayList<>();
      DataParallelTrainer.run(spark, settings, List.of(source(spark, shape)), null,
          new ModelInit.Random(config, 0), records::add);

      List<StepRecord> timed = records.subList(warmupSteps, records.size());
      double wall = (timed.get(timed.size() - 1).time().toEpochMilli()
          - records.get(warmupSteps - 1).time().toEpochMilli()) / 1e3;
      long tokens = timed.stream().mapToLong(StepRecord::tokens).sum();
      double compute = timed.stream().mapToDouble(StepRecord::computeSeconds).sum();
      double communication = timed.stream().mapToDouble(StepRecord::communicationSeconds)
          .sum();
      Result result = new Result(master, partitionCount, tokens / wall, wall / steps,
          compute / steps, communication / steps, timed.get(timed.size() - 1).loss());
      LOG.info("{} with {} partitions: {} tokens/s, {} s per step, communication {}%", master,
          partitionCount, format("%.1f", result.tokensPerSecond()),
          format("%.3f", result.stepSeconds()), format("%.1f", 100 * result.communicationShare()));
      return result;
    } finally {
      spark.stop();
    }
  }

  /** Random source and target ids in [2, V), 63 of each then EOS, as the baseline draws. */
  private static TrainingSource source(SparkSession spark, TrainBenchShape shape) {
    SplittableRandom random = new SplittableRandom(0);
    int examples = shape.batch() * 4;
    List<Tuple2<Long, SourceRecord>> records = new ArrayList<>();
    for (long i = 0; i < examples; i++) {
      records.add(new Tuple2<>(i, new SourceRecord(ids(random, shape), ids(random, shape))));
    }
    JavaPairRDD<Long, SourceRecord> rdd = JavaSparkContext.fromSparkContext(
        spark.sparkContext()).parallelizePairs(records, 2).cache();
    return new TrainingSource("random/train", rdd, examples,
        new Objective.Supervised(shape.length(), shape.length(), EOS), 1.0);
  }

  private static int[] ids(SplittableRandom random, TrainBenchShape shape) {
    int[] ids = new int[shape.length()];
    for (int i = 0; i < ids.length - 1; i++) {
      ids[i] = random.nextInt(2, shape.vocabSize());
    }
    ids[ids.length - 1] = EOS;
    return ids;
  }

  private static int threads(String master) {
    Matcher match = LOCAL_THREADS.matcher(master);
    return match.matches() ? Integer.parseInt(match.group(1)) : 2;
  }

  private void print(TrainBenchShape shape, MachineInfo machine, List<Result> results) {
    System.out.printf(Locale.ROOT, "Data-parallel training on Spark, %s shape, %d key/value"
        + " heads, batch %d in micro-batches of %d, lengths %d; %s, %d logical cores, BLAS %s;"
        + " 1 thread per task; %d timed steps after %d warm-up steps%n", shape.name(),
        keyValueHeads, shape.batch(), microBatch, shape.length(), machine.cpuModel(),
        machine.logicalCores(), machine.blasLibrary(), steps, warmupSteps);
    System.out.printf(Locale.ROOT, "%-10s %10s %12s %7s %9s %10s %8s %8s%n", "master",
        "partitions", "tokens/s", "ratio", "step_s", "compute_s", "comm_s", "comm_%");
    double baseline = results.get(0).tokensPerSecond();
    for (Result result : results) {
      System.out.printf(Locale.ROOT, "%-10s %10d %12.1f %6.2fx %9.3f %10.3f %8.3f %8.1f%n",
          result.master(), result.partitions(), result.tokensPerSecond(),
          result.tokensPerSecond() / baseline, result.stepSeconds(), result.computeSeconds(),
          result.communicationSeconds(), 100 * result.communicationShare());
    }
  }

  private String json(TrainBenchShape shape, MachineInfo machine, List<Result> results)
      throws JsonProcessingException {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("benchmark", "train-spark");
    record.put("machine", machine.toMap());
    record.put("shape", shape.name());
    record.put("kv_heads", keyValueHeads);
    record.put("batch", shape.batch());
    record.put("micro_batch", microBatch);
    record.put("length", shape.length());
    record.put("threads_per_task", 1);
    record.put("steps", steps);
    record.put("warmup_steps", warmupSteps);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Result result : results) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("master", result.master());
      row.put("partitions", result.partitions());
      row.put("target_tokens_per_second", result.tokensPerSecond());
      row.put("ratio_to_first", result.tokensPerSecond() / results.get(0).tokensPerSecond());
      row.put("step_seconds", result.stepSeconds());
      row.put("compute_seconds_per_step", result.computeSeconds());
      row.put("communication_seconds_per_step", result.communicationSeconds());
      row.put("communication_share", result.communicationShare());
      row.put("last_loss", result.lastLoss());
      rows.add(row);
    }
    record.put("results", rows);
    return new ObjectMapper().writeValueAsString(record);
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }
}
