package org.gqaspark.tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jdk.incubator.vector.FloatVector;

/**
 * The machine a benchmark ran on, for its record: CPU, cores, SIMD, JVM, native BLAS and
 * its thread settings, and the fp32 FMA peak per core that fractions of peak refer to.
 *
 * @param cpuModel "model name" from /proc/cpuinfo, or os.arch where that file is missing
 * @param logicalCores processors available to this JVM
 * @param simdFlags the SIMD flags of interest present in /proc/cpuinfo (avx2, fma, avx512f)
 * @param javaVersion java.version
 * @param javaVendor java.vendor
 * @param vectorBits bit size of the Vector API's preferred float species
 * @param vectorLanes floats per vector of that species (its length)
 * @param blasLibrary the native BLAS loaded, or "unavailable: " and the reason
 * @param openblasNumThreads OPENBLAS_NUM_THREADS, or "unset"
 * @param openblasCoretype OPENBLAS_CORETYPE, or "unset"
 * @param peakGflopsPerCore the fp32 FMA peak of one core in GFLOPS
 * @param peakSource "measured" (a register-only FMA loop in Java, see {@link FmaPeak}) or
 *     "given" (set by the caller)
 */
public record MachineInfo(
    String cpuModel,
    int logicalCores,
    List<String> simdFlags,
    String javaVersion,
    String javaVendor,
    int vectorBits,
    int vectorLanes,
    String blasLibrary,
    String openblasNumThreads,
    String openblasCoretype,
    double peakGflopsPerCore,
    String peakSource) {

  private static final Set<String> SIMD_FLAGS_OF_INTEREST =
      Set.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_bf16",
          "asimd", "sve");

  /** Milliseconds without improvement that end the FMA peak measurement. */
  static final long PEAK_MEASUREMENT_MILLIS = 200;

  /**
   * Collects the record. Measures the FMA peak on the calling thread ({@link FmaPeak}, from
   * about 0.3 s to seconds while the JIT compiles it) unless {@code givenPeakGflopsPerCore}
   * is positive, in which case that value is used.
   */
  public static MachineInfo collect(double givenPeakGflopsPerCore) {
    Map<String, String> cpu = readCpuInfo();
    String model = cpu.getOrDefault("model name", System.getProperty("os.arch"));
    Set<String> flags = new TreeSet<>();
    for (String flag : cpu.getOrDefault("flags", cpu.getOrDefault("Features", "")).split("\\s+")) {
      if (SIMD_FLAGS_OF_INTEREST.contains(flag)) {
        flags.add(flag);
      }
    }
    NativeBlas.Status blas = NativeBlas.status();
    boolean given = givenPeakGflopsPerCore > 0;
    double peak = given ? givenPeakGflopsPerCore
        : FmaPeak.measureGflopsPerCore(PEAK_MEASUREMENT_MILLIS);
    return new MachineInfo(
        model,
        Runtime.getRuntime().availableProcessors(),
        List.copyOf(flags),
        System.getProperty("java.version"),
        System.getProperty("java.vendor"),
        FloatVector.SPECIES_PREFERRED.vectorBitSize(),
        FloatVector.SPECIES_PREFERRED.length(),
        blas.available() ? blas.library() : "unavailable: " + blas.reason(),
        NativeBlas.threadsVariable().orElse("unset"),
        System.getenv().getOrDefault("OPENBLAS_CORETYPE", "unset"),
        peak,
        given ? "given" : "measured");
  }

  /**
   * Returns a one-line description for benchmarks that use no matrix products: CPU model,
   * available processors, operating system and Java version. Measures nothing.
   */
  public static String describeHost() {
    String model = readCpuInfo().getOrDefault("model name", System.getProperty("os.arch"));
    return model + ", " + Runtime.getRuntime().availableProcessors()
        + " available processors, " + System.getProperty("os.name") + " "
        + System.getProperty("os.version") + ", Java " + System.getProperty("java.version");
  }

  /** Returns the record as an ordered map, for JSON. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("cpu_model", cpuModel);
    map.put("logical_cores", logicalCores);
    map.put("simd_flags", simdFlags);
    map.put("java_version", javaVersion);
    map.put("java_vendor", javaVendor);
    map.put("vector_bits", vectorBits);
    map.put("vector_lanes", vectorLanes);
    map.put("blas_library", blasLibrary);
    map.put("openblas_num_threads", openblasNumThreads);
    map.put("openblas_coretype", openblasCoretype);
    map.put("peak_gflops_per_core", peakGflopsPerCore);
    map.put("peak_source", peakSource);
    return map;
  }

  /** Key-value pairs of the first processor in /proc/cpuinfo; empty where it is missing. */
  private static Map<String, String> readCpuInfo() {
    Map<String, String> fields = new LinkedHashMap<>();
    Path path = Paths.get("/proc/cpuinfo");
    if (!Files.isReadable(path)) {
      return fields;
    }
    try {
      for (String line : Files.readAllLines(path)) {
        if (line.isBlank() && !fields.isEmpty()) {
          break;
        }
        int colon = line.indexOf(':');
        if (colon > 0) {
          fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
      }
    } catch (IOException e) {
      fields.clear();
    }
    return fields;
  }
}
