package org.gqaspark.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds and runs a Python 3 interpreter for tests of the notebooks and the Airflow DAG. The
 * candidates are {@code $GQA_PYTHON}, {@code python3} on the PATH and Debian's {@code
 * /usr/bin/python3}, because a python3 earlier on the PATH (pyenv, a virtual environment) may
 * lack the Debian packages pandas, matplotlib and nbconvert.
 */
final class PythonTools {

  /** The output and exit code of a finished Python process. */
  record Result(int exitCode, String output) {}

  private PythonTools() {}

  /** Returns the first candidate interpreter that imports every module, if any. */
  static Optional<String> find(String... modules) {
    List<String> candidates = new ArrayList<>();
    String configured = System.getenv("GQA_PYTHON");
    if (configured != null && !configured.isBlank()) {
      candidates.add(configured);
    }
    candidates.add("python3");
    candidates.add("/usr/bin/python3");
    String check = modules.length == 0 ? "pass" : "import " + String.join(", ", modules);
    for (String candidate : candidates) {
      try {
        if (run(candidate, Path.of("."), Map.of(), 60, "-c", check).exitCode() == 0) {
          return Optional.of(candidate);
        }
      } catch (IOException e) {
        // Not installed under this name: try the next candidate.
      }
    }
    return Optional.empty();
  }

  /** Runs the interpreter with arguments in a folder, with extra environment variables. */
  static Result run(String python, Path folder, Map<String, String> environment,
      long timeoutSeconds, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(python);
    command.addAll(List.of(arguments));
    // Output goes to a file: a full pipe would block the child until the timeout.
    Path log = Files.createTempFile("gqa-python", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    // Keeps debugpy, which ipykernel loads, from warning about frozen modules on every run.
    builder.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
    Process process = builder.start();
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(command + " did not finish within " + timeoutSeconds + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while waiting for " + command, e);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Result(process.exitValue(), output);
  }
}
