package org.gqaspark.conversion;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.gqaspark.checkpoint.CheckpointMarker;
import org.gqaspark.checkpoint.CheckpointWriter;
import org.gqaspark.checkpoint.ExistingDirectory;
import org.gqaspark.checkpoint.LoadedCheckpoint;
import org.gqaspark.checkpoint.ModelCheckpoint;
import org.gqaspark.checkpoint.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts a checkpoint directory into a new one: loads the model, converts it with
 * {@link GqaConversion}, writes config.json and the weights, copies the tokenizer files
 * that Hugging Face keeps beside a model, and commits the new directory with its
 * completion marker. Source and target may be on different file systems.
 */
public final class CheckpointConversion {

  /**
   * Files copied unchanged when the source has them: tokenizer and generation settings, and
   * the training run's trainer_state.json, whose run id and pretraining steps an uptraining
   * job reads to record its parent and to size itself.
   */
  public static final List<String> COPIED_FILES = List.of("spiece.model", "tokenizer.json",
      "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json",
      "generation_config.json", "trainer_state.json");

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointConversion.class);

  private CheckpointConversion() {}

  /**
   * Runs the conversion.
   *
   * @param existing what to do when {@code to} exists
   * @return the marker of the written checkpoint (step 0)
   */
  public static CheckpointMarker run(Configuration conf, Path from, Path to,
      ConversionOptions options, WriteOptions writeOptions, ExistingDirectory existing)
      throws IOException {
    FileSystem sourceFs = from.getFileSystem(conf);
    FileSystem targetFs = to.getFileSystem(conf);
    LOG.info("Converting {} to {}: {} key/value heads in {} by {} (seed {}), writing {}.",
        from, to, options.keyValueHeads(), options.attentionKinds(),
        options.method().optionName(), options.seed(), writeOptions.dtype());

    LoadedCheckpoint source = ModelCheckpoint.load(sourceFs, from);
    ConvertedModel converted = GqaConversion.convert(source.config(), source.tensors(),
        options);

    CheckpointWriter writer = CheckpointWriter.create(targetFs, to, existing);
    writer.writeModel(converted.config(), converted.tensors(), writeOptions);
    for (String name : COPIED_FILES) {
      Path file = new Path(from, name);
      if (sourceFs.exists(file)) {
        writer.copyFile(sourceFs, file);
        LOG.info("Copied {} to {}.", file, to);
      }
    }
    return writer.commit(0);
  }
}
