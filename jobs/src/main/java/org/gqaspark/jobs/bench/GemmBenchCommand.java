package org.gqaspark.jobs.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.gqaspark.tensor.Gemm;
import org.gqaspark.tensor.GemmBackend;
import org.gqaspark.tensor.Gemms;
import org.gqaspark.tensor.MachineInfo;
import org.gqaspark.tensor.TensorErrors;
import org.gqaspark.tensor.VectorGemm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gqa bench gemm}: sgemm throughput of the Java Vector API kernel and of native BLAS,
 * on one thread and on all granted threads, as GFLOPS, as a fraction of the fp32 FMA peak,
 * and as a ratio to the Java kernel on one thread measured in the same run.
 *
 * <p>Cases: C = A * B for every square size, plus A * B^T (the forward of a linear layer,
 * y = x W^T) and A^T * B (its weight gradient) at the first size. Each measurement first
 * runs small products until they run compiled, then products of the measured size for the
 * warm-up time, then times the given number of calls and reports the median. Prints a table, then one JSON line with the machine record.
 */
@Command(
    name = "gemm",
    mixinStandardHelpOptions = true,
    description = "Measures sgemm GFLOPS of the Java kernel and native BLAS against the FMA"
        + " peak; prints a table and one JSON line.")
public final class GemmBenchCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(GemmBenchCommand.class);

  /** Maximum wait for the JIT to compile the Java kernel before it is measured anyway. */
  private static final long JIT_WARMUP_MAX_MILLIS = 20_000;

  @Option(names = "--sizes", split = ",", defaultValue = "1024,2048",
      description = "Sides of the square products (default: ${DEFAULT-VALUE}).")
  private List<Integer> sizes;

  @Option(names = "--threads",
      description = "Threads for the multi-threaded runs (default: all available processors).")
  private Integer threads;

  @Option(names = "--repetitions", defaultValue = "5",
      description = "Timed calls per measurement; the median is reported (default:"
          + " ${DEFAULT-VALUE}).")
  private int repetitions;

  @Option(names = "--warmup-seconds", defaultValue = "1.0",
      description = "Seconds of untimed products before each measurement, so the JIT compiles"
          + " the Java kernel first (default: ${DEFAULT-VALUE}).")
  private double warmupSeconds;

  @Option(names = "--peak-gflops", defaultValue = "0",
      description = "fp32 FMA peak of one core in GFLOPS; 0 measures it with a register-only"
          + " FMA loop in Java (default).")
  private double peakGflops;

  @Option(names = "--backends", split = ",", defaultValue = "java,native",
      description = "Backends to measure: java, native, scalar (default: ${DEFAULT-VALUE}).")
  private List<String> backends;

  /** One product shape of the benchmark. */
  record Shape(String label, boolean transA, boolean transB, int size) {}

  /** One measurement. */
  record Result(Shape shape, String backend, int threads, double medianSeconds, double gflops,
      double peakFraction, double ratioToBaseline) {}

  @Override
  public Integer call() throws JsonProcessingException {
    GemmBenchOptions options = new GemmBenchOptions(sizes,
        threads == null ? Runtime.getRuntime().availableProcessors() : threads, repetitions,
        warmupSeconds, peakGflops, backends.stream().map(GemmBackend::parse).toList());
    LOG.info("gemm benchmark: {}", options);

    MachineInfo machine = MachineInfo.collect(options.peakGflopsPerCore());
    LOG.info("Machine: {}", machine);

    List<Result> results = run(options, machine);
    printTable(results, machine);
    System.out.println(toJson(options, machine, results));
    return 0;
  }

  private static List<Result> run(GemmBenchOptions options, MachineInfo machine) {
    List<Shape> shapes = new ArrayList<>();
    for (int size : options.sizes()) {
      shapes.add(new Shape("A*B", false, false, size));
    }
    int first = options.sizes().get(0);
    shapes.add(new Shape("A*B^T", false, true, first));
    shapes.add(new Shape("A^T*B", true, false, first));

    List<Integer> threadCounts = options.threads() == 1 ? List.of(1) : List.of(1,
        options.threads());
    List<Result> results = new ArrayList<>();
    for (Shape shape : shapes) {
      Operands operands = new Operands(shape.size());
      Double baseline = null;
      for (GemmBackend backend : options.backends()) {
        for (int threadCount : threadCounts) {
          Gemm gemm;
          try {
            gemm = Gemms.create(backend, threadCount);
          } catch (TensorErrors.BackendUnavailableException e) {
            LOG.warn("Skipping {}: {}", backend, e.getMessage());
            break;
          }
          try (gemm) {
            if (gemm.threads() < threadCount) {
              // A single-threaded backend (the scalar reference) is measured once.
              continue;
            }
            double seconds = measure(gemm, shape, operands, options);
            double gflops = 2.0 * Math.pow(shape.size(), 3) / seconds * 1e-9;
            if (baseline == null) {
              baseline = gflops;
            }
            Result result = new Result(shape, gemm.name(), threadCount, seconds, gflops,
                gflops / (machine.peakGflopsPerCore() * threadCount), gflops / baseline);
            LOG.info("{} n={} {} on {} thread(s): {} GFLOPS", shape.label(), shape.size(),
                gemm.name(), threadCount, String.format(Locale.ROOT, "%.1f", gflops));
            results.add(result);
          }
        }
      }
    }
    return results;
  }

  /** Runs the warm-up, then the timed calls, and returns the median time in seconds. */
  private static double measure(Gemm gemm, Shape shape, Operands operands,
      GemmBenchOptions options) {
    // Only the Java kernel depends on the JIT; the scalar reference never reaches the rate
    // that marks compiled code, and native BLAS is compiled already.
    if (gemm instanceof VectorGemm && !Gemms.warmUp(gemm, JIT_WARMUP_MAX_MILLIS)) {
      LOG.warn("{} still runs interpreted after {} ms of small products; its rows are too low",
          gemm.name(), JIT_WARMUP_MAX_MILLIS);
    }
    long warmupEnd = System.nanoTime() + (long) (options.warmupSeconds() * 1e9);
    do {
      operands.multiply(gemm, shape);
    } while (System.nanoTime() < warmupEnd);

    double[] seconds = new double[options.repetitions()];
    for (int i = 0; i < seconds.length; i++) {
      long start = System.nanoTime();
      operands.multiply(gemm, shape);
      seconds[i] = (System.nanoTime() - start) * 1e-9;
    }
    Arrays.sort(seconds);
    int middle = seconds.length / 2;
    return seconds.length % 2 == 1 ? seconds[middle]
        : (seconds[middle - 1] + seconds[middle]) / 2;
  }

  private static void printTable(List<Result> results, MachineInfo machine) {
    System.out.printf(Locale.ROOT, "sgemm on %s, %d logical cores, %d-bit vectors, BLAS %s,"
        + " OPENBLAS_NUM_THREADS=%s, Java kernel %s%n", machine.cpuModel(),
        machine.logicalCores(), machine.vectorBits(), machine.blasLibrary(),
        machine.openblasNumThreads(), VectorGemm.describeKernel());
    String peakSource = machine.peakSource().equals("measured")
        ? "measured by a register-only FMA loop in Java: the JVM's reachable peak"
        : "given with --peak-gflops";
    System.out.printf(Locale.ROOT, "FMA peak per core: %.1f GFLOPS (%s)%n",
        machine.peakGflopsPerCore(), peakSource);
    System.out.println("vs_base: ratio to the first backend listed on 1 thread, same product");
    System.out.printf(Locale.ROOT, "%-7s %6s  %-16s %7s %10s %8s %7s %9s%n", "product", "n",
        "backend", "threads", "median_s", "GFLOPS", "%peak", "vs_base");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "%-7s %6d  %-16s %7d %10.4f %8.1f %6.1f%% %8.2fx%n",
          r.shape().label(), r.shape().size(), r.backend(), r.threads(), r.medianSeconds(),
          r.gflops(), 100 * r.peakFraction(), r.ratioToBaseline());
    }
  }

  private static String toJson(GemmBenchOptions options, MachineInfo machine,
      List<Result> results) throws JsonProcessingException {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("benchmark", "gemm");
    record.put("machine", machine.toMap());
    record.put("threads", options.threads());
    record.put("repetitions", options.repetitions());
    record.put("warmup_seconds", options.warmupSeconds());
    record.put("java_kernel", VectorGemm.describeKernel());
    record.put("baseline", "first backend listed, on 1 thread, same product");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Result r : results) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("product", r.shape().label());
      row.put("trans_a", r.shape().transA());
      row.put("trans_b", r.shape().transB());
      row.put("m", r.shape().size());
      row.put("n", r.shape().size());
      row.put("k", r.shape().size());
      row.put("backend", r.backend());
      row.put("threads", r.threads());
      row.put("median_seconds", r.medianSeconds());
      row.put("gflops", r.gflops());
      row.put("peak_fraction", r.peakFraction());
      row.put("ratio_to_baseline", r.ratioToBaseline());
      rows.add(row);
    }
    record.put("results", rows);
    return new ObjectMapper().writeValueAsString(record);
  }

  /** Seeded operands of one size, allocated once and shared by every backend. */
  private static final class Operands {
    private final float[] a;
    private final float[] b;
    private final float[] c;
    private final int size;

    Operands(int size) {
      this.size = size;
      int elements = Math.multiplyExact(size, size);
      this.a = new float[elements];
      this.b = new float[elements];
      this.c = new float[elements];
      Random random = new Random(size);
      for (int i = 0; i < elements; i++) {
        a[i] = random.nextFloat() - 0.5f;
        b[i] = random.nextFloat() - 0.5f;
      }
    }

    void multiply(Gemm gemm, Shape shape) {
      gemm.sgemm(shape.transA(), shape.transB(), size, size, size, 1f, a, 0, size, b, 0, size,
          0f, c, 0, size);
    }
  }
}
