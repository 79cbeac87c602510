package org.gqaspark.jobs;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.gqaspark.checkpoint.CheckpointMarker;
import org.gqaspark.checkpoint.DType;
import org.gqaspark.checkpoint.ExistingDirectory;
import org.gqaspark.checkpoint.WriteOptions;
import org.gqaspark.conversion.CheckpointConversion;
import org.gqaspark.conversion.ConversionOptions;
import org.gqaspark.conversion.KeyValueInit;
import org.gqaspark.model.AttentionKind;
import org.gqaspark.model.T5Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gqa convert}: converts a multi-head T5 checkpoint directory into a grouped-query
 * one with G key/value heads, as Ainslie et al. (2023) convert before uptraining.
 */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = "Converts a T5 checkpoint to grouped-query attention: the key and value"
        + " projections of each group of query heads become one head, and config.json gets"
        + " num_key_value_heads = G.")
public final class ConvertCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "DIR",
      description = "Source checkpoint directory (config.json and model safetensors): a local"
          + " path or an s3a:// URI.")
  String from;

  @Option(names = "--to", required = true, paramLabel = "DIR",
      description = "Target checkpoint directory. It must not exist or must be empty, unless"
          + " --overwrite is given.")
  String to;

  @Option(names = "--kv-heads", required = true, paramLabel = "G",
      description = "Key/value heads per converted attention layer; must divide num_heads"
          + " (1 gives multi-query attention).")
  int keyValueHeads;

  @Option(names = "--method", defaultValue = "mean", paramLabel = "METHOD",
      description = "How each group's key/value head is built: mean (of the group's heads),"
          + " first (the group's first head) or random (normal values at the scale of the"
          + " original projection). Default: ${DEFAULT-VALUE}.")
  String method;

  @Option(names = "--attention-kinds", split = ",", paramLabel = "KIND",
      description = "Attention layers to convert, comma-separated: encoder_self,"
          + " decoder_self, cross. Default: decoder_self,cross.")
  List<String> attentionKinds;

  @Option(names = "--seed", defaultValue = "0",
      description = "Seed of --method random. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--dtype", defaultValue = "f32", paramLabel = "TYPE",
      description = "Element type of the written weights: f32 or bf16. Default:"
          + " ${DEFAULT-VALUE}.")
  String dtype;

  @Option(names = "--max-shard-size", defaultValue = "5GB", paramLabel = "SIZE",
      converter = ByteSizeConverter.class,
      description = "Largest weight file before the next shard starts, for example 5GB,"
          + " 500MB or 2GiB. Default: ${DEFAULT-VALUE}.")
  long maxShardBytes;

  @Option(names = "--overwrite",
      description = "Replace the target directory if it exists.")
  boolean overwrite;

  @Option(names = "--run-id", paramLabel = "ID",
      description = "Run id of this conversion: when given, a row of phase convert (method,"
          + " heads, key/value heads, parent run, status, target directory) is written to the"
          + " runs table under --tables-root, as every other phase writes one.")
  String runId;

  @Option(names = "--parent-run-id", paramLabel = "ID",
      description = "Run that wrote the source checkpoint, for the runs row. Default: the run"
          + " id in the source's trainer_state.json, when it has one.")
  String parentRunId;

  @Option(names = "--tables-root", paramLabel = "DIR",
      description = "Folder or URI of the Delta tables for the runs row; overrides tables.root"
          + " of --conf. Default: delta.")
  String tablesRoot;

  @Option(names = "--conf", paramLabel = "FILE",
      description = "Optional HOCON job file whose tables.root and spark block (s3a"
          + " connection, master) the runs row is written with.")
  java.nio.file.Path conf;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      if (keyValueHeads < 1) {
        throw new IllegalArgumentException("Invalid --kv-heads " + keyValueHeads + ": give at"
            + " least 1 key/value head, a divisor of num_heads in the source config.json.");
      }
      ConversionOptions options = new ConversionOptions(keyValueHeads,
          KeyValueInit.fromOptionName(method), parseKinds(), seed);
      WriteOptions writeOptions = WriteOptions.defaults()
          .withDtype(parseDtype())
          .withMaxShardBytes(maxShardBytes);
      ExistingDirectory existing = overwrite ? ExistingDirectory.REPLACE
          : ExistingDirectory.FAIL_IF_NOT_EMPTY;
      CheckpointMarker marker = runId == null
          ? CheckpointConversion.run(new Configuration(), new Path(from), new Path(to),
              options, writeOptions, existing)
          : ConvertRuns.recorded(new ConvertRuns.Request(runId, parentRunId, tablesRoot, conf,
              from, to, options, writeOptions, existing));
      out.println("Wrote " + to + ": " + marker.files().size() + " files, "
          + marker.files().stream().mapToLong(file -> file.bytes()).sum() + " bytes, "
          + keyValueHeads + " key/value heads in " + options.attentionKinds() + ".");
      out.flush();
      return 0;
    } catch (Exception e) {
      out.flush();
      return CheckpointCommand.fail(spec.commandLine(), e);
    }
  }

  private Set<AttentionKind> parseKinds() {
    if (attentionKinds == null || attentionKinds.isEmpty()) {
      return T5Config.DEFAULT_GQA_ATTENTION_KINDS;
    }
    Set<AttentionKind> kinds = EnumSet.noneOf(AttentionKind.class);
    for (String name : attentionKinds) {
      kinds.add(AttentionKind.fromJsonName(name.strip()));
    }
    return kinds;
  }

  private DType parseDtype() {
    return switch (dtype.toLowerCase(Locale.ROOT)) {
      case "f32" -> DType.F32;
      case "bf16" -> DType.BF16;
      default -> throw new IllegalArgumentException("Invalid --dtype '" + dtype + "': use f32"
          + " or bf16.");
    };
  }
}
