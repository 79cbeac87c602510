package org.gqaspark.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A one-line description of the machine a benchmark ran on. */
final class MachineInfo {

  private MachineInfo() {}

  /** Returns CPU model, available processors, OS and Java version; no BLAS is involved. */
  static String describe() {
    return cpuModel().orElse(System.getProperty("os.arch")) + ", "
        + Runtime.getRuntime().availableProcessors() + " available processors, "
        + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
        + System.getProperty("java.version") + ", BLAS: not used";
  }

  private static Optional<String> cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return Optional.empty();
    }
    try (var lines = Files.lines(cpuinfo)) {
      return lines.filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
