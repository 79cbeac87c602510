package org.gqaspark.jobs.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Timing of {@code spm_encode --output_format=id} on a set of lines, as a subprocess. The ids
 * are written to /dev/null during timed runs, so the time includes formatting them as text,
 * which the Java side does not do: the comparison slightly favours Java.
 *
 * @param version what {@code spm_encode --version} prints
 * @param ids the ids of each line, from an untimed run
 * @param runSeconds median wall time of a run on the lines
 * @param startupSeconds median wall time of a run on an empty file: process start, model load
 */
record SpmEncodeRun(String version, List<int[]> ids, double runSeconds, double startupSeconds) {

  private static final int MIN_RUNS = 3;

  /** Returns the encoding time alone: a run minus start-up. */
  double encodeSeconds() {
    return Math.max(runSeconds - startupSeconds, 1e-9);
  }

  static SpmEncodeRun measure(String executable, Path model, List<byte[]> lines, double seconds)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("gqa-bench-spm");
    try {
      Path input = dir.resolve("lines.txt");
      Path empty = dir.resolve("empty.txt");
      Path output = dir.resolve("ids.txt");
      try (var stream = Files.newOutputStream(input)) {
        for (byte[] line : lines) {
          stream.write(line);
          stream.write('\n');
        }
      }
      Files.write(empty, new byte[0]);

      String version = new String(run(List.of(executable, "--version"), null, null),
          StandardCharsets.UTF_8).trim();
      List<String> encode = List.of(executable, "--model=" + model, "--output_format=id");
      run(encode, input, output);
      List<int[]> ids = parseIds(Files.readAllBytes(output));

      double startup = medianSeconds(encode, empty, seconds / 4);
      double run = medianSeconds(encode, input, seconds);
      return new SpmEncodeRun(version, ids, run, startup);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static double medianSeconds(List<String> command, Path input, double seconds)
      throws IOException, InterruptedException {
    List<Double> times = new ArrayList<>();
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    while (times.size() < MIN_RUNS || System.nanoTime() < deadline) {
      long started = System.nanoTime();
      run(command, input, Path.of("/dev/null"));
      times.add((System.nanoTime() - started) / 1e9);
    }
    Collections.sort(times);
    return times.get(times.size() / 2);
  }

  /** Runs a command and returns its standard output when {@code output} is null. */
  private static byte[] run(List<String> command, Path input, Path output)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    if (input != null) {
      builder.redirectInput(input.toFile());
    }
    if (output != null) {
      builder.redirectOutput(output.toFile());
    }
    Process process = builder.start();
    byte[] stdout = output == null ? process.getInputStream().readAllBytes() : new byte[0];
    int status = process.waitFor();
    if (status != 0) {
      throw new IOException(String.join(" ", command) + " failed with exit status " + status
          + "; install the Debian package sentencepiece or pass --spm-encode.");
    }
    return stdout;
  }

  private static List<int[]> parseIds(byte[] content) {
    List<int[]> ids = new ArrayList<>();
    for (String line : new String(content, StandardCharsets.UTF_8).split("\n", -1)) {
      ids.add(line.isEmpty() ? new int[0]
          : Arrays.stream(line.split(" ")).mapToInt(Integer::parseInt).toArray());
    }
    if (!ids.isEmpty() && content.length > 0 && content[content.length - 1] == '\n') {
      ids.remove(ids.size() - 1);
    }
    return ids;
  }
}
