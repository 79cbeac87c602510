package org.gqaspark.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gqaspark.tensor.MachineInfo;

/** The machine description stored with decode timings. */
public final class HostDescription {

  private HostDescription() {}

  /**
   * Returns host name, CPU model, logical cores and vector width, such as "node-3, AMD EPYC
   * 9R45, 16 logical cores, 512-bit vectors". Measures nothing.
   */
  public static String describe() {
    // A given peak (any positive value) skips the FMA measurement, which is not stored here.
    MachineInfo machine = MachineInfo.collect(1.0);
    return hostName() + ", " + machine.cpuModel() + ", " + machine.logicalCores()
        + " logical cores, " + machine.vectorBits() + "-bit vectors";
  }

  /** Returns the kernel's host name, read from /proc without a DNS lookup, else $HOSTNAME. */
  public static String hostName() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException e) {
      return System.getenv().getOrDefault("HOSTNAME", "unknown");
    }
  }
}
