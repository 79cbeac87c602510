package org.gqaspark.jobs.bench;

import java.util.List;
import org.gqaspark.tensor.GemmBackend;

/**
 * Validated options of {@code gqa bench gemm}.
 *
 * @param sizes sides of the square products
 * @param threads threads granted to the multi-threaded runs
 * @param repetitions timed calls per measurement, of which the median is reported
 * @param warmupSeconds seconds of products run before measuring, so the JIT compiles the Java
 *     kernel first
 * @param peakGflopsPerCore the FMA peak per core to report fractions against, or 0 to measure
 * @param backends backends to measure, among java, native and scalar
 */
record GemmBenchOptions(List<Integer> sizes, int threads, int repetitions,
    double warmupSeconds, double peakGflopsPerCore, List<GemmBackend> backends) {

  GemmBenchOptions {
    if (sizes.isEmpty()) {
      throw BenchErrors.invalidOption("--sizes", "an empty list", "at least one size");
    }
    for (int size : sizes) {
      if (size < 1) {
        throw BenchErrors.invalidOption("--sizes", size, ">= 1");
      }
    }
    if (threads < 1) {
      throw BenchErrors.invalidOption("--threads", threads, ">= 1");
    }
    if (repetitions < 1) {
      throw BenchErrors.invalidOption("--repetitions", repetitions, ">= 1");
    }
    if (warmupSeconds < 0) {
      throw BenchErrors.invalidOption("--warmup-seconds", warmupSeconds, ">= 0");
    }
    if (peakGflopsPerCore < 0) {
      throw BenchErrors.invalidOption("--peak-gflops", peakGflopsPerCore, "> 0, or 0 to measure");
    }
    if (backends.isEmpty() || backends.contains(GemmBackend.AUTO)) {
      throw BenchErrors.invalidOption("--backends", backends,
          "a list of java, native and scalar");
    }
    sizes = List.copyOf(sizes);
    backends = List.copyOf(backends);
  }
}
