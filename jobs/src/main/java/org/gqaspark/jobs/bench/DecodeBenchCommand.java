package org.gqaspark.jobs.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gqaspark.generation.DecodeTimings;
import org.apache.hadoop.conf.Configuration;
import org.gqaspark.evaluation.BenchmarkShape;
import org.gqaspark.evaluation.DecodeBenchmark;
import org.gqaspark.evaluation.DecodeBenchmark.Cell;
import org.gqaspark.evaluation.DecodeBenchmark.Model;
import org.gqaspark.evaluation.DecodeBenchmarkTable;
import org.gqaspark.evaluation.HostDescription;
import org.gqaspark.model.FeedForwardKind;
import org.gqaspark.model.compute.FloatCompute;
import org.gqaspark.tensor.MachineInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gqa bench decode}: decoding time per sample for several numbers of key/value heads,
 * split into the encoder pass and the decoder steps, with the ratio of each to multi-head
 * attention measured in the same run. Grouped-query attention shrinks the keys and values
 * that each decoder step reads, so it changes the decoder steps and not the encoder pass.
 *
 * <p>Prints one JSON line per (model, source length, batch size) cell as it is measured,
 * then a table.
 */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = "Measures decoding time per sample (encoder pass and decoder steps) for"
        + " several key/value head counts or converted checkpoints; prints JSON lines and a"
        + " table with ratios to multi-head attention.")
public final class DecodeBenchCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(DecodeBenchCommand.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--kv-heads", split = ",",
      description = "Key/value heads of decoder self- and cross-attention of the random-weight"
          + " models (default: 8,4,2,1 when no --checkpoints are given).")
  private List<Integer> keyValueHeads;

  @Option(names = "--checkpoints", split = ",",
      description = "Converted checkpoint directories (local or s3a://) to measure instead of"
          + " random weights; their config.json sets the shape and key/value heads.")
  private List<String> checkpoints;

  @Option(names = "--source-lengths", split = ",", defaultValue = "512,2048",
      description = "Source lengths in tokens (default: ${DEFAULT-VALUE}).")
  private List<Integer> sourceLengths;

  @Option(names = "--batch-sizes", split = ",", defaultValue = "1,8",
      description = "Batch sizes (default: ${DEFAULT-VALUE}).")
  private List<Integer> batchSizes;

  @Option(names = "--steps", defaultValue = "64",
      description = "Tokens generated per sequence, exactly: the end-of-sequence token is"
          + " ignored (default: ${DEFAULT-VALUE}).")
  private int steps;

  @Option(names = "--repetitions", defaultValue = "2",
      description = "Timed generations per cell; medians are reported (default:"
          + " ${DEFAULT-VALUE}).")
  private int repetitions;

  @Option(names = "--warmup", defaultValue = "1",
      description = "Untimed generations per model at the smallest cell, so that the JIT"
          + " compiles the kernels first (default: ${DEFAULT-VALUE}).")
  private int warmup;

  @Option(names = "--threads",
      description = "Threads of the compute backend (default: all available processors).")
  private Integer threads;

  @Option(names = "--seed", defaultValue = "0",
      description = "Seed of the random weights and source ids (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--d-model", defaultValue = "512",
      description = "Model width of the random-weight models (default: ${DEFAULT-VALUE},"
          + " t5-small).")
  private int dModel;

  @Option(names = "--d-ff", defaultValue = "2048",
      description = "Feed-forward width (default: ${DEFAULT-VALUE}).")
  private int dFf;

  @Option(names = "--heads", defaultValue = "8",
      description = "Query heads per attention layer (default: ${DEFAULT-VALUE}).")
  private int heads;

  @Option(names = "--d-kv", defaultValue = "64",
      description = "Width of one attention head (default: ${DEFAULT-VALUE}).")
  private int dKv;

  @Option(names = "--layers", defaultValue = "6",
      description = "Encoder blocks (default: ${DEFAULT-VALUE}).")
  private int layers;

  @Option(names = "--decoder-layers", defaultValue = "6",
      description = "Decoder blocks (default: ${DEFAULT-VALUE}).")
  private int decoderLayers;

  @Option(names = "--vocab-size", defaultValue = "32128",
      description = "Vocabulary size (default: ${DEFAULT-VALUE}).")
  private int vocabSize;

  @Option(names = "--feed-forward", defaultValue = "relu",
      description = "Feed-forward kind: relu or gated-gelu (default: ${DEFAULT-VALUE}).")
  private String feedForward;

  @Option(names = "--json-output",
      description = "File to write the JSON lines to as well (created or replaced).")
  private Path jsonOutput;

  @Override
  public Integer call() throws IOException {
    boolean fromCheckpoints = checkpoints != null && !checkpoints.isEmpty();
    List<Integer> heads = keyValueHeads != null ? keyValueHeads
        : fromCheckpoints ? List.of() : List.of(8, 4, 2, 1);
    DecodeBenchOptions options = new DecodeBenchOptions(
        new BenchmarkShape(dModel, dFf, this.heads, dKv, layers, decoderLayers, vocabSize,
            FeedForwardKind.fromJsonName(feedForward)),
        heads, fromCheckpoints ? checkpoints : List.of(), sourceLengths, batchSizes, steps,
        repetitions, warmup, threads == null ? Runtime.getRuntime().availableProcessors()
            : threads, seed, jsonOutput);
    LOG.info("decode benchmark: {}", options);
    MachineInfo machine = MachineInfo.collect(0);
    LOG.info("Machine: {}", machine);

    Configuration hadoop = new Configuration();
    List<Model> models = DecodeBenchmark.models(options.checkpoints(), options.shape(),
        options.keyValueHeads(), hadoop);
    List<Cell> cells = new ArrayList<>();
    String backend;
    try (FloatCompute compute = FloatCompute.withThreads(options.threads());
        PrintWriter file = options.jsonOutput() == null ? null
            : new PrintWriter(Files.newBufferedWriter(options.jsonOutput(),
                StandardCharsets.UTF_8))) {
      backend = compute.description();
      LOG.info("Backend: {}", backend);
      for (Model model : models) {
        LOG.info("Measuring {} ({} key/value heads{})", model.label(), model.keyValueHeads(),
            model.checkpoint() == null ? ", random weights" : ", " + model.checkpoint());
        DecodeBenchmark.measure(model, options.grid(), compute, hadoop, cell -> {
          cells.add(cell);
          String line = jsonLine(options, machine, backend, cell,
              DecodeBenchmarkTable.baseline(cells, cell));
          System.out.println(line);
          if (file != null) {
            file.println(line);
            file.flush();
          }
        });
      }
    }
    printTable(options, machine, backend, cells);
    return 0;
  }

  private static String jsonLine(DecodeBenchOptions options, MachineInfo machine,
      String backend, Cell cell, Cell baseline) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("benchmark", "decode");
    record.put("model", cell.model().label());
    record.put("checkpoint", cell.model().checkpoint());
    record.put("heads", cell.model().config().numHeads());
    record.put("kv_heads", cell.model().keyValueHeads());
    record.put("kv_attention_kinds", cell.model().config().gqaAttentionKinds().stream()
        .map(kind -> kind.jsonName()).toList());
    record.put("shape", shapeOf(cell.model()));
    record.put("batch", cell.batch());
    record.put("source_length", cell.sourceLength());
    record.put("new_tokens", cell.steps());
    record.put("repetitions", cell.runs().size());
    record.put("encoder_seconds_per_sample", cell.encoderSecondsPerSample());
    record.put("decoder_seconds_per_sample", cell.decoderSecondsPerSample());
    record.put("total_seconds_per_sample", cell.totalSecondsPerSample());
    record.put("decoder_tokens_per_second", cell.decoderTokensPerSecond());
    record.put("total_tokens_per_second", cell.totalTokensPerSecond());
    record.put("encoder_ratio_to_mha", baseline == null ? null
        : cell.encoderSecondsPerSample() / baseline.encoderSecondsPerSample());
    record.put("decoder_ratio_to_mha", baseline == null ? null
        : cell.decoderSecondsPerSample() / baseline.decoderSecondsPerSample());
    record.put("total_ratio_to_mha", baseline == null ? null
        : cell.totalSecondsPerSample() / baseline.totalSecondsPerSample());
    record.put("encoder_seconds", cell.runs().stream().map(DecodeTimings::encoderSeconds)
        .toList());
    record.put("decoder_seconds", cell.runs().stream().map(DecodeTimings::decoderSeconds)
        .toList());
    record.put("threads", options.threads());
    record.put("backend", backend);
    record.put("host", HostDescription.hostName());
    record.put("machine", machine.toMap());
    try {
      return JSON.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> shapeOf(Model model) {
    var config = model.config();
    return BenchmarkShape.of(config).toMap();
  }

  private static void printTable(DecodeBenchOptions options, MachineInfo machine,
      String backend, List<Cell> cells) {
    System.out.print(DecodeBenchmarkTable.format(cells, machine.cpuModel() + ", "
        + machine.logicalCores() + " logical cores, BLAS " + machine.blasLibrary(), backend,
        options.steps(), options.repetitions()));
  }
}
