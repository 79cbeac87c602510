package org.gqaspark.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the {@link Gemm} backend selected by the system property {@value
 * GemmBackend#PROPERTY}: {@code java}, {@code native}, {@code scalar}, or {@code auto}
 * (default), which measures the available backends briefly and takes the fastest.
 *
 * <p>Calibration for {@code auto} runs once per JVM and thread count, and only when both
 * native BLAS and the Java kernel are available. Each first multiplies small matrices until
 * its calls run compiled, then multiplies two {@value #CALIBRATION_SIZE}-square matrices on
 * the granted threads for {@value #CALIBRATION_MILLIS} ms and keeps the best time; the choice
 * is logged with the GFLOPS of each. The Java kernel runs interpreted, at well under 1 GFLOPS,
 * until the JIT compiler has compiled it, which takes from a few hundred milliseconds to
 * seconds on a busy machine. Calibration waits at most {@value #WARMUP_MAX_MILLIS} ms for that
 * and otherwise takes native BLAS without measuring the Java kernel, so it stays under about
 * a second; set {@code -Dgqa.gemm=java} to force the Java kernel.
 */
public final class Gemms {

  private static final Logger LOG = LoggerFactory.getLogger(Gemms.class);

  static final int CALIBRATION_SIZE = 256;
  static final long CALIBRATION_MILLIS = 100;
  /** Side of the matrices of the warm-up calls. */
  private static final int WARMUP_SIZE = 96;
  /** Maximum warm-up time per candidate. */
  private static final long WARMUP_MAX_MILLIS = 500;
  /** Rate above which a call counts as compiled: interpreted Vector API code runs below 1. */
  private static final double COMPILED_GFLOPS = 5;
  /** Consecutive compiled calls that end the warm-up. */
  private static final int COMPILED_CALLS = 30;

  /** Backend chosen by {@code auto}, per thread count. */
  private static final Map<Integer, GemmBackend> AUTO_CHOICE = new ConcurrentHashMap<>();

  private Gemms() {}

  /**
   * Creates the backend named by {@value GemmBackend#PROPERTY} with its own pool of
   * {@code threads} threads. Close it when done.
   */
  public static Gemm create(int threads) {
    return create(GemmBackend.fromSystemProperty(), threads);
  }

  /**
   * Creates a backend with its own pool of {@code threads} threads.
   *
   * @throws TensorErrors.BackendUnavailableException if {@code java} or {@code native} is
   *     requested and cannot run in this JVM, with the reason
   */
  public static Gemm create(GemmBackend backend, int threads) {
    if (threads < 1) {
      throw TensorErrors.invalidThreadCount("sgemm", threads);
    }
    return switch (resolve(backend, threads)) {
      case JAVA -> new VectorGemm(threads);
      case NATIVE -> new NativeGemm(threads);
      case SCALAR -> new ScalarGemm();
      case AUTO -> throw new IllegalStateException("resolve() never returns AUTO");
    };
  }

  /**
   * Creates a backend that runs on a pool owned by the caller, for example the pool of the
   * model's per-head loops. Closing the backend leaves the pool running.
   */
  public static Gemm onPool(GemmBackend backend, ComputePool pool) {
    return switch (resolve(backend, pool.threads())) {
      case JAVA -> VectorGemm.onPool(pool);
      case NATIVE -> NativeGemm.onPool(pool);
      case SCALAR -> new ScalarGemm();
      case AUTO -> throw new IllegalStateException("resolve() never returns AUTO");
    };
  }

  /** Returns why the Java kernel cannot run in this JVM, or null when it can. */
  public static String javaUnavailableReason() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return "the module jdk.incubator.vector is not loaded; start the JVM with"
          + " --add-modules=jdk.incubator.vector.";
    }
    return null;
  }

  private static GemmBackend resolve(GemmBackend backend, int threads) {
    switch (backend) {
      case JAVA -> {
        String reason = javaUnavailableReason();
        if (reason != null) {
          throw TensorErrors.backendUnavailable("java", reason);
        }
        return GemmBackend.JAVA;
      }
      case NATIVE -> {
        NativeBlas.require();
        return GemmBackend.NATIVE;
      }
      case SCALAR -> {
        return GemmBackend.SCALAR;
      }
      default -> {
        return AUTO_CHOICE.computeIfAbsent(threads, Gemms::calibrate);
      }
    }
  }

  /**
   * Measures each available backend on the granted threads and returns the fastest; a
   * single available backend is returned without measuring.
   */
  private static GemmBackend calibrate(int threads) {
    List<GemmBackend> candidates = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    NativeBlas.Status nativeStatus = NativeBlas.status();
    if (nativeStatus.available()) {
      candidates.add(GemmBackend.NATIVE);
    } else {
      skipped.add("native: " + nativeStatus.reason());
    }
    String javaReason = javaUnavailableReason();
    if (javaReason == null) {
      candidates.add(GemmBackend.JAVA);
    } else {
      skipped.add("java: " + javaReason);
    }
    if (candidates.isEmpty()) {
      LOG.warn("sgemm backend: scalar-reference, the slow fallback, because no fast backend is"
          + " available ({})", String.join("; ", skipped));
      return GemmBackend.SCALAR;
    }
    if (candidates.size() == 1) {
      GemmBackend only = candidates.get(0);
      LOG.info("sgemm backend: {} on {} thread(s), the only one available ({})",
          only.name().toLowerCase(Locale.ROOT), threads, String.join("; ", skipped));
      return only;
    }

    GemmBackend best = null;
    double bestGflops = 0;
    List<String> measured = new ArrayList<>();
    for (GemmBackend candidate : candidates) {
      Function<Integer, Gemm> factory = candidate == GemmBackend.JAVA
          ? VectorGemm::new : NativeGemm::new;
      try (Gemm gemm = factory.apply(threads)) {
        if (!warmUp(gemm, WARMUP_MAX_MILLIS)) {
          // Unmeasured rather than measured while interpreted, which would be unfair.
          measured.add(gemm.name() + " not measured: still interpreted after "
              + WARMUP_MAX_MILLIS + " ms of warm-up");
          continue;
        }
        double gflops = measureGflops(gemm, CALIBRATION_SIZE, CALIBRATION_MILLIS);
        measured.add(String.format(Locale.ROOT, "%s %.1f GFLOPS", gemm.name(), gflops));
        if (best == null || gflops > bestGflops) {
          best = candidate;
          bestGflops = gflops;
        }
      }
    }
    if (best == null) {
      best = candidates.get(0);
    }
    LOG.info("sgemm backend: {} on {} thread(s), the fastest measured on {}x{}x{} ({})",
        best.name().toLowerCase(Locale.ROOT), threads, CALIBRATION_SIZE, CALIBRATION_SIZE,
        CALIBRATION_SIZE, String.join(", ", measured));
    return best;
  }

  /**
   * Runs small products on {@code gemm} until they run compiled, for at most
   * {@code maxMillis} milliseconds, and returns whether they do. Benchmarks call it so that
   * no timed call runs interpreted code.
   */
  public static boolean warmUp(Gemm gemm, long maxMillis) {
    SquareProduct product = new SquareProduct(WARMUP_SIZE);
    long deadline = System.nanoTime() + maxMillis * 1_000_000L;
    int compiledCalls = 0;
    while (compiledCalls < COMPILED_CALLS && System.nanoTime() < deadline) {
      compiledCalls = product.runGflops(gemm) > COMPILED_GFLOPS ? compiledCalls + 1 : 0;
    }
    return compiledCalls >= COMPILED_CALLS;
  }

  /**
   * Multiplies two random square matrices of the given size repeatedly for about
   * {@code millis} milliseconds and returns the GFLOPS of the fastest call.
   */
  static double measureGflops(Gemm gemm, int size, long millis) {
    SquareProduct product = new SquareProduct(size);
    long deadline = System.nanoTime() + millis * 1_000_000L;
    double best = 0;
    int calls = 0;
    while (calls < 3 || System.nanoTime() < deadline) {
      best = Math.max(best, product.runGflops(gemm));
      calls++;
    }
    return best;
  }

  /** C = A * B on seeded random square matrices, timed. */
  private static final class SquareProduct {
    private final int size;
    private final float[] a;
    private final float[] b;
    private final float[] c;

    SquareProduct(int size) {
      this.size = size;
      this.a = new float[size * size];
      this.b = new float[size * size];
      this.c = new float[size * size];
      java.util.Random random = new java.util.Random(7);
      for (int i = 0; i < a.length; i++) {
        a[i] = random.nextFloat() - 0.5f;
        b[i] = random.nextFloat() - 0.5f;
      }
    }

    /** Runs one product and returns its rate in GFLOPS. */
    double runGflops(Gemm gemm) {
      long start = System.nanoTime();
      gemm.sgemm(false, false, size, size, size, 1f, a, 0, size, b, 0, size, 0f, c, 0, size);
      long elapsed = Math.max(1, System.nanoTime() - start);
      return 2.0 * size * size * size / elapsed;
    }
  }
}
