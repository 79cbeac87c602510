package org.gqaspark.jobs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.gqaspark.tensor.MachineInfo;
import org.gqaspark.tokenizer.SentencePieceTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gqa bench tokenizer}: tokens per second per core of the Java encoder against the
 * sentencepiece library's {@code spm_encode}, on the same lines and the same model.
 *
 * <p>The Java encoder runs in this process after a warm-up, on one thread and then on
 * {@code --threads} threads that share one tokenizer. {@code spm_encode} runs as a subprocess
 * (it is single-threaded) on the lines written to a file; the time of a run on an empty file,
 * which is process start and model load, is subtracted. Both count the same tokens, since the
 * ids are identical; the command checks that and prints how many lines differ.
 */
@Command(
    name = "tokenizer",
    mixinStandardHelpOptions = true,
    description = "Tokens per second per core of the Java SentencePiece encoder against"
        + " spm_encode on the same lines.")
public final class TokenizerBench implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--input", required = true,
      description = "Text file, one line per example, gzip allowed.")
  Path input;

  @Option(names = "--model", required = true,
      description = "spiece.model to encode with, e.g. pipeline/src/test/resources/t5/"
          + "spiece.model.")
  Path model;

  @Option(names = "--threads", defaultValue = "1",
      description = "Java threads for the multi-threaded run (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--seconds", defaultValue = "10",
      description = "Minimum measuring time of each run in seconds (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--warmup-seconds", defaultValue = "5",
      description = "Java warm-up time in seconds (default: ${DEFAULT-VALUE}).")
  double warmupSeconds;

  @Option(names = "--max-lines", defaultValue = "0",
      description = "Use only the first N lines; 0 uses all (default: ${DEFAULT-VALUE}).")
  int maxLines;

  @Option(names = "--repeat", defaultValue = "1",
      description = "Use the lines this many times, so that spm_encode's start-up is a small"
          + " part of its run (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--spm-encode", defaultValue = "spm_encode",
      description = "The spm_encode executable (default: ${DEFAULT-VALUE}).")
  String spmEncode;

  @Override
  public Integer call() throws Exception {
    if (threads < 1 || seconds <= 0 || warmupSeconds < 0 || maxLines < 0 || repeat < 1) {
      spec.commandLine().getErr().println("gqa bench tokenizer: --threads must be >= 1,"
          + " --seconds > 0, --warmup-seconds >= 0, --max-lines >= 0 and --repeat >= 1, but got "
          + threads + ", " + seconds + ", " + warmupSeconds + ", " + maxLines + " and " + repeat
          + ".");
      return 2;
    }
    PrintWriter out = spec.commandLine().getOut();
    List<byte[]> lines = new ArrayList<>();
    List<byte[]> fileLines = readLines(input, maxLines);
    for (int copy = 0; copy < repeat; copy++) {
      lines.addAll(fileLines);
    }
    List<String> texts = new ArrayList<>(lines.size());
    long bytes = 0;
    for (byte[] line : lines) {
      texts.add(new String(line, StandardCharsets.UTF_8));
      bytes += line.length;
    }
    SentencePieceTokenizer tokenizer = SentencePieceTokenizer.load(model);

    out.println("# gqa bench tokenizer");
    out.println("machine: " + MachineInfo.describeHost() + ", BLAS: not used");
    out.printf(Locale.ROOT, "input: %s x %d, %d lines, %d bytes; model: %s (%d ids)%n", input,
        repeat, lines.size(), bytes, model, tokenizer.vocabSize());

    long tokens = encodeAll(tokenizer, texts);
    runFor(warmupSeconds, () -> encodeAll(tokenizer, texts));
    double javaOne = tokensPerSecond(tokenizer, texts, 1);
    out.printf(Locale.ROOT, "Java encoder, 1 thread: %.0f tokens/s (%d tokens per pass)%n",
        javaOne, tokens);
    double javaMany = javaOne;
    if (threads > 1) {
      javaMany = tokensPerSecond(tokenizer, texts, threads);
      out.printf(Locale.ROOT, "Java encoder, %d threads: %.0f tokens/s, %.0f per thread%n",
          threads, javaMany, javaMany / threads);
    }
    out.flush();

    SpmEncodeRun spm = SpmEncodeRun.measure(spmEncode, model, lines, seconds);
    int differing = differingLines(tokenizer, lines, spm.ids());
    double spmRate = tokens / spm.encodeSeconds();
    out.printf(Locale.ROOT, "spm_encode (%s, 1 thread, subprocess): %.0f tokens/s; %.3f s per"
        + " run, of which %.3f s start-up and model load, subtracted%n", spm.version(), spmRate,
        spm.runSeconds(), spm.startupSeconds());
    out.printf(Locale.ROOT, "lines whose ids differ from spm_encode: %d of %d%n", differing,
        lines.size());
    out.printf(Locale.ROOT, "ratio Java / spm_encode tokens/s per core: %.2f (1 thread), %.2f"
        + " (%d threads)%n", javaOne / spmRate, javaMany / threads / spmRate, threads);
    out.flush();
    return differing == 0 ? 0 : 1;
  }

  /** Returns tokens per second of {@code threadCount} threads encoding all lines repeatedly. */
  private double tokensPerSecond(SentencePieceTokenizer tokenizer, List<String> texts,
      int threadCount) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threadCount);
    try {
      long started = System.nanoTime();
      List<Future<Long>> results = new ArrayList<>();
      for (int thread = 0; thread < threadCount; thread++) {
        results.add(pool.submit(() -> runFor(seconds, () -> encodeAll(tokenizer, texts))));
      }
      long tokens = 0;
      for (Future<Long> result : results) {
        tokens += result.get();
      }
      return tokens / ((System.nanoTime() - started) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Repeats a pass until {@code seconds} have passed and returns the summed pass results. */
  private static long runFor(double seconds, java.util.function.LongSupplier pass) {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    long total = 0;
    do {
      total += pass.getAsLong();
    } while (System.nanoTime() < deadline);
    return total;
  }

  private static long encodeAll(SentencePieceTokenizer tokenizer, List<String> texts) {
    long tokens = 0;
    for (String text : texts) {
      tokens += tokenizer.encode(text).length;
    }
    return tokens;
  }

  private static int differingLines(SentencePieceTokenizer tokenizer, List<byte[]> lines,
      List<int[]> spmIds) {
    int differing = Math.abs(lines.size() - spmIds.size());
    for (int i = 0; i < Math.min(lines.size(), spmIds.size()); i++) {
      if (!Arrays.equals(tokenizer.encodeUtf8(lines.get(i)), spmIds.get(i))) {
        differing++;
      }
    }
    return differing;
  }

  /** Reads lines split on '\n' only, as spm_encode does; gzip when the name ends in .gz. */
  static List<byte[]> readLines(Path path, int maxLines) throws IOException {
    byte[] content;
    try (InputStream stream = Files.newInputStream(path)) {
      InputStream source = path.toString().endsWith(".gz") ? new GZIPInputStream(stream) : stream;
      content = source.readAllBytes();
    }
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= content.length; i++) {
      boolean end = i == content.length;
      if (end && start == i) {
        break;
      }
      if (end || content[i] == '\n') {
        lines.add(Arrays.copyOfRange(content, start, i));
        start = i + 1;
        if (maxLines > 0 && lines.size() == maxLines) {
          break;
        }
      }
    }
    return lines;
  }
}
