package org.gqaspark.jobs;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.gqaspark.checkpoint.CheckpointMarker;
import org.gqaspark.checkpoint.DType;
import org.gqaspark.checkpoint.LocatedTensor;
import org.gqaspark.checkpoint.ModelCheckpoint;
import org.gqaspark.checkpoint.ShapeReport;
import org.gqaspark.checkpoint.ShardedSafetensors;
import org.gqaspark.checkpoint.T5ParameterShapes;
import org.gqaspark.checkpoint.TensorEntry;
import org.gqaspark.model.AttentionKind;
import org.gqaspark.model.T5Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gqa checkpoint inspect DIR}: prints the config, the completion marker and every
 * tensor (name, dtype, shape, bytes, file) of a checkpoint, reading only headers, and checks
 * the tensor shapes against the config. Exits with 1 when anything is invalid.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Prints the config and tensors of a checkpoint directory and checks the"
        + " tensor shapes against config.json. Exit code 1 when the checkpoint is invalid.")
public final class InspectCheckpointCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR",
      description = "Checkpoint directory: a local path or a URI such as"
          + " s3a://bucket/run/checkpoint-1000.")
  String directory;

  @Mixin
  ChecksumOption checksums;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      Path dir = new Path(directory);
      FileSystem fs = dir.getFileSystem(new Configuration());
      out.println("Checkpoint " + dir);
      boolean valid = printMarker(out, fs, dir);
      T5Config config = ModelCheckpoint.readConfig(fs, dir);
      printConfig(out, config);
      Map<String, LocatedTensor> tensors = ShardedSafetensors.list(fs, dir,
          ModelCheckpoint.MODEL_BASE_NAME);
      printTensors(out, tensors);
      valid &= printShapeCheck(out, config, tensors);
      out.flush();
      return valid ? 0 : 1;
    } catch (IOException | IllegalArgumentException e) {
      out.flush();
      return CheckpointCommand.fail(spec.commandLine(), e);
    }
  }

  private boolean printMarker(PrintWriter out, FileSystem fs, Path dir) throws IOException {
    Optional<CheckpointMarker> marker = CheckpointMarker.read(fs, dir);
    if (marker.isEmpty()) {
      out.println("Marker: none (a download, or a write that did not finish)");
      return true;
    }
    Optional<String> problem = marker.get().verify(fs, dir, checksums.enabled);
    out.println("Marker: step " + marker.get().step() + ", written " + marker.get().time()
        + ", " + marker.get().files().size() + " files, "
        + problem.map(text -> "INVALID: " + text).orElse(checksums.enabled
            ? "lengths and checksums match" : "lengths match"));
    return problem.isEmpty();
  }

  private static void printConfig(PrintWriter out, T5Config config) {
    out.println("Config: vocab_size " + config.vocabSize() + ", d_model " + config.dModel()
        + ", d_kv " + config.dKv() + ", d_ff " + config.dFf() + ", layers "
        + config.numLayers() + "+" + config.numDecoderLayers() + ", num_heads "
        + config.numHeads() + ", feed_forward_proj " + config.feedForwardProj().jsonName()
        + ", tie_word_embeddings " + config.tieWordEmbeddings());
    StringBuilder heads = new StringBuilder("Key/value heads:");
    for (AttentionKind kind : AttentionKind.values()) {
      heads.append(' ').append(kind.jsonName()).append(' ').append(config.keyValueHeads(kind))
          .append(kind.ordinal() < AttentionKind.values().length - 1 ? "," : "");
    }
    out.println(heads);
  }

  private static void printTensors(PrintWriter out, Map<String, LocatedTensor> tensors) {
    int nameWidth = Math.max(4, tensors.keySet().stream().mapToInt(String::length).max()
        .orElse(0));
    int shapeWidth = Math.max(5, tensors.values().stream()
        .mapToInt(tensor -> tensor.entry().shapeString().length()).max().orElse(0));
    String format = "%-" + nameWidth + "s  %-5s  %-" + shapeWidth + "s  %12s  %s%n";
    out.printf(format, "name", "dtype", "shape", "bytes", "file");

    Map<DType, long[]> totals = new TreeMap<>();
    for (Map.Entry<String, LocatedTensor> item : tensors.entrySet()) {
      TensorEntry entry = item.getValue().entry();
      out.printf(format, item.getKey(), entry.dtype(), entry.shapeString(), entry.byteLength(),
          item.getValue().file());
      long[] total = totals.computeIfAbsent(entry.dtype(), key -> new long[2]);
      total[0] += entry.elementCount();
      total[1] += entry.byteLength();
    }
    totals.forEach((dtype, total) -> out.println("Total " + dtype + ": " + total[0]
        + " elements, " + total[1] + " bytes"));
    out.println("Tensors: " + tensors.size());
  }

  private static boolean printShapeCheck(PrintWriter out, T5Config config,
      Map<String, LocatedTensor> tensors) {
    ShapeReport report = T5ParameterShapes.check(config,
        T5ParameterShapes.shapesOfEntries(tensors));
    if (!report.aliases().isEmpty()) {
      out.println("Aliases of shared.weight (accepted): " + String.join(", ",
          report.aliases()));
    }
    if (report.isValid()) {
      out.println("Shapes: OK, every tensor matches config.json");
      return true;
    }
    out.println("Shapes: INVALID, " + report.problems().size() + " problems:");
    report.problems().forEach(problem -> out.println("  - " + problem));
    return false;
  }
}
