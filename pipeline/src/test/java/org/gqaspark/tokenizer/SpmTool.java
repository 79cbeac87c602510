package org.gqaspark.tokenizer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the sentencepiece command-line tools (Debian package {@code sentencepiece}) on lines of
 * bytes. Tests call {@link #requireInstalled} first, which skips them with a message when the
 * tools are absent.
 */
final class SpmTool {

  private SpmTool() {}

  static void requireInstalled() {
    assumeTrue(isInstalled("spm_encode") && isInstalled("spm_decode"),
        "Skipped: spm_encode and spm_decode are not on the PATH; install the Debian package"
            + " sentencepiece (.ci/run does) to compare with the library.");
  }

  static void requireTrainerInstalled() {
    assumeTrue(isInstalled("spm_train"), "Skipped: spm_train is not on the PATH; install the"
        + " Debian package sentencepiece (.ci/run does) to compare with the library's trainer.");
  }

  /** Trains a model with {@code spm_train} and returns its path; flags are spm_train's. */
  static Path train(Path input, Path workDir, String... flags) throws IOException {
    Path prefix = workDir.resolve("spm-trained");
    List<String> command = new ArrayList<>(List.of("spm_train", "--input=" + input,
        "--model_prefix=" + prefix));
    command.addAll(List.of(flags));
    Path log = workDir.resolve("spm_train.log");
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    waitFor(process, command.toArray(new String[0]));
    return workDir.resolve("spm-trained.model");
  }

  /** Returns the ids that {@code spm_encode --output_format=id} prints for each line. */
  static List<int[]> encode(Path model, List<byte[]> lines, Path workDir) throws IOException {
    List<int[]> ids = new ArrayList<>();
    for (byte[] line : run(workDir, joinLines(lines), "spm_encode", "--model=" + model,
        "--output_format=id")) {
      String text = new String(line, StandardCharsets.UTF_8);
      ids.add(text.isEmpty() ? new int[0]
          : Arrays.stream(text.split(" ")).mapToInt(Integer::parseInt).toArray());
    }
    return ids;
  }

  /** Returns the text that {@code spm_decode --input_format=id} prints for each id sequence. */
  static List<String> decode(Path model, List<int[]> ids, Path workDir) throws IOException {
    List<byte[]> lines = new ArrayList<>();
    for (int[] sequence : ids) {
      StringBuilder line = new StringBuilder();
      for (int id : sequence) {
        line.append(line.length() == 0 ? "" : " ").append(id);
      }
      lines.add(line.toString().getBytes(StandardCharsets.UTF_8));
    }
    List<String> texts = new ArrayList<>();
    for (byte[] line : run(workDir, joinLines(lines), "spm_decode", "--model=" + model,
        "--input_format=id")) {
      texts.add(new String(line, StandardCharsets.UTF_8));
    }
    return texts;
  }

  private static List<byte[]> run(Path workDir, byte[] input, String... command)
      throws IOException {
    Path inputFile = Files.createTempFile(workDir, "spm-input", ".txt");
    Path outputFile = Files.createTempFile(workDir, "spm-output", ".txt");
    Files.write(inputFile, input);
    Process process = new ProcessBuilder(command)
        .redirectInput(inputFile.toFile())
        .redirectOutput(outputFile.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    waitFor(process, command);
    return SpmFixture.splitLines(Files.readAllBytes(outputFile));
  }

  private static void waitFor(Process process, String... command) throws IOException {
    try {
      int status = process.waitFor();
      if (status != 0) {
        throw new IOException(String.join(" ", command) + " failed with exit status " + status);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(command[0] + " was interrupted", e);
    }
  }

  private static byte[] joinLines(List<byte[]> lines) {
    int size = 0;
    for (byte[] line : lines) {
      size += line.length + 1;
    }
    byte[] joined = new byte[size];
    int offset = 0;
    for (byte[] line : lines) {
      System.arraycopy(line, 0, joined, offset, line.length);
      offset += line.length;
      joined[offset++] = '\n';
    }
    return joined;
  }

  private static boolean isInstalled(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
