package org.gqaspark.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MachineInfoTest {

  @Test
  void usesGivenPeak() {
    MachineInfo info = MachineInfo.collect(262.0);
    assertEquals(262.0, info.peakGflopsPerCore(), 0.0);
    assertEquals("given", info.peakSource());
  }

  @Test
  void describesJvmAndCores() {
    MachineInfo info = MachineInfo.collect(1.0);
    assertEquals(Runtime.getRuntime().availableProcessors(), info.logicalCores());
    assertEquals(System.getProperty("java.version"), info.javaVersion());
    assertTrue(info.vectorBits() >= 64, "vector bits " + info.vectorBits());
    assertEquals(info.vectorBits() / 32, info.vectorLanes(), "floats per vector");
    assertFalse(info.cpuModel().isBlank(), "CPU model");
  }

  @Test
  void measuresPositivePeak() {
    assertTrue(FmaPeak.measureGflopsPerCore(50) > 0, "measured FMA peak");
  }
}
