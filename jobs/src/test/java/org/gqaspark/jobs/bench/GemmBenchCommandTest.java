package org.gqaspark.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.gqaspark.jobs.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GemmBenchCommandTest {

  @Test
  void printsOneJsonRecordPerMeasurement() throws Exception {
    String output = runMain("bench", "gemm", "--sizes", "24,40", "--threads", "2",
        "--repetitions", "1", "--warmup-seconds", "0", "--peak-gflops", "100",
        "--backends", "java,scalar");
    String[] lines = output.strip().split("\n");
    JsonNode record = new ObjectMapper().readTree(lines[lines.length - 1]);

    assertEquals("gemm", record.get("benchmark").asText());
    assertEquals(100.0, record.get("machine").get("peak_gflops_per_core").asDouble(), 0.0);
    assertEquals("given", record.get("machine").get("peak_source").asText());
    // Products: A*B at 24 and 40, A*B^T and A^T*B at 24. Java on 1 and 2 threads, the
    // single-threaded scalar reference on 1.
    JsonNode results = record.get("results");
    assertEquals(12, results.size(), "measurements");
    assertEquals("java-vector", results.get(0).get("backend").asText());
    assertEquals(1.0, results.get(0).get("ratio_to_baseline").asDouble(), 0.0);
    assertEquals("scalar-reference", results.get(2).get("backend").asText());
    assertEquals(1, results.get(2).get("threads").asInt(), "scalar threads");
    assertTrue(results.get(2).get("gflops").asDouble() > 0, "scalar GFLOPS");
  }

  @Test
  void rejectsZeroThreads() throws Exception {
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setErr(new java.io.PrintWriter(errors, true, StandardCharsets.UTF_8));
    int status = commandLine.execute("bench", "gemm", "--threads", "0");
    assertEquals(1, status, "exit status");
    assertTrue(errors.toString(StandardCharsets.UTF_8).contains(
        "Invalid option --threads: must be >= 1 but got 0."), errors.toString());
  }

  private static String runMain(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int status = new CommandLine(new Main()).execute(args);
      assertEquals(0, status, "exit status");
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
