package org.gqaspark.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.gqaspark.checkpoint.ExistingDirectory;
import org.gqaspark.checkpoint.T5Checkpoints;
import org.gqaspark.checkpoint.WriteOptions;
import org.gqaspark.jobs.Main;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.ParameterStore;
import org.gqaspark.model.T5Config;
import org.gqaspark.model.T5Initializer;
import org.gqaspark.model.compute.DoubleCompute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code gqa bench decode} on tiny models; timings are only checked to be positive. */
class DecodeBenchCommandTest {

  /** A tiny shape: d_model 16, d_ff 32, 4 heads of 4, 1 + 2 layers, vocabulary 40. */
  private static final String[] TINY = {"--d-model", "16", "--d-ff", "32", "--heads", "4",
      "--d-kv", "4", "--layers", "1", "--decoder-layers", "2", "--vocab-size", "40"};

  @TempDir
  Path tmp;

  @Test
  void oneLinePerCellWithRatios() throws Exception {
    List<JsonNode> lines = jsonLines(runMain(concat(TINY, "--kv-heads", "4,1",
        "--source-lengths", "6,9", "--batch-sizes", "2", "--steps", "3", "--repetitions", "2",
        "--warmup", "0", "--threads", "2")));

    assertEquals(4, lines.size(), "cells: 2 models x 2 source lengths");
    JsonNode multiHead = lines.get(0);
    assertEquals("decode", multiHead.get("benchmark").asText());
    assertEquals(4, multiHead.get("kv_heads").asInt());
    assertEquals(6, multiHead.get("source_length").asInt());
    assertEquals(3, multiHead.get("new_tokens").asInt());
    assertEquals(2, multiHead.get("decoder_seconds").size(), "one time per repetition");
    assertEquals(1.0, multiHead.get("decoder_ratio_to_mha").asDouble(), 0.0);
    JsonNode multiQuery = lines.get(3);
    assertEquals(1, multiQuery.get("kv_heads").asInt());
    assertEquals(9, multiQuery.get("source_length").asInt());
    assertTrue(multiQuery.get("decoder_ratio_to_mha").asDouble() > 0, "ratio to multi-head");
    assertTrue(multiQuery.get("encoder_seconds_per_sample").asDouble() > 0, "encoder time");
    assertEquals(2, multiQuery.get("threads").asInt());
    assertTrue(multiQuery.get("machine").has("cpu_model"), "machine record");
  }

  @Test
  void measuresCheckpoints() throws Exception {
    Path multiHead = saveTinyCheckpoint("mha", 4);
    Path multiQuery = saveTinyCheckpoint("mqa", 1);

    List<JsonNode> lines = jsonLines(runMain("bench", "decode", "--checkpoints",
        multiQuery + "," + multiHead, "--source-lengths", "5", "--batch-sizes", "1",
        "--steps", "2", "--repetitions", "1", "--warmup", "1", "--threads", "1"));

    assertEquals(2, lines.size(), "cells");
    assertEquals("mha", lines.get(0).get("model").asText(), "multi-head runs first");
    assertEquals(multiQuery.toString(), lines.get(1).get("checkpoint").asText());
    assertEquals(1, lines.get(1).get("kv_heads").asInt());
    assertTrue(lines.get(1).get("total_ratio_to_mha").asDouble() > 0, "ratio to multi-head");
  }

  @Test
  void headsWithCheckpointsRejected() {
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setErr(new PrintWriter(errors, true, StandardCharsets.UTF_8));

    int status = commandLine.execute("bench", "decode", "--checkpoints", tmp.toString(),
        "--kv-heads", "2");

    assertEquals(1, status, "exit status");
    assertTrue(errors.toString(StandardCharsets.UTF_8).contains("Invalid option --kv-heads"),
        errors.toString(StandardCharsets.UTF_8));
  }

  @Test
  void jsonOutputFileMatchesStdout() throws Exception {
    Path file = tmp.resolve("decode.jsonl");
    List<JsonNode> printed = jsonLines(runMain(concat(TINY, "--kv-heads", "2",
        "--source-lengths", "4", "--batch-sizes", "1", "--steps", "2", "--repetitions", "1",
        "--warmup", "0", "--threads", "1", "--json-output", file.toString())));

    List<String> written = Files.readAllLines(file);
    assertEquals(printed.size(), written.size(), "lines");
    assertEquals(printed.get(0), new ObjectMapper().readTree(written.get(0)));
  }

  private Path saveTinyCheckpoint(String name, int keyValueHeads) throws Exception {
    T5Config config = new T5Config(40, 16, 4, 32, 1, 2, 4, keyValueHeads,
        T5Config.DEFAULT_GQA_ATTENTION_KINDS, 8, 20, 0.1, 1e-6, FeedForwardKind.RELU, true, 0,
        1, 0, 1.0, Map.of());
    ParameterStore store = ParameterStore.forModel(config, new DoubleCompute());
    T5Initializer.initialize(store, config, 3);
    Path dir = tmp.resolve(name);
    T5Checkpoints.save(FileSystem.getLocal(new Configuration()),
        new org.apache.hadoop.fs.Path(dir.toString()), config, store, WriteOptions.defaults(),
        ExistingDirectory.FAIL_IF_NOT_EMPTY);
    return dir;
  }

  private static String[] concat(String[] first, String... rest) {
    List<String> all = new ArrayList<>(List.of("bench", "decode"));
    all.addAll(List.of(first));
    all.addAll(List.of(rest));
    return all.toArray(new String[0]);
  }

  private static List<JsonNode> jsonLines(String output) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.startsWith("{")) {
        lines.add(new ObjectMapper().readTree(line));
      }
    }
    return lines;
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
