package org.gqaspark.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.EOFException;
import java.nio.file.FileAlreadyExistsException;
import java.util.Arrays;
import java.util.List;
import org.gqaspark.model.T5Config;

/**
 * Builds every exception of the checkpoint package. Each message states what failed, in which
 * file and tensor, with the offending value and the limit, and what to do next.
 */
public final class CheckpointErrors {

  /** Problems listed in one shape error before the rest are counted. */
  static final int MAX_LISTED_PROBLEMS = 20;

  private static final String REEXPORT = " The file is corrupt, truncated or not written by a"
      + " safetensors writer: download or export it again.";

  private CheckpointErrors() {}

  // Safetensors header and layout.

  static InvalidCheckpointException fileTooShort(String source, long length) {
    return invalidFile(source, "the file has " + length + " bytes, fewer than the 8-byte"
        + " header length prefix." + REEXPORT);
  }

  static InvalidCheckpointException headerPastEnd(String source, long headerLength,
      long available) {
    return invalidFile(source, "the header length prefix is " + headerLength
        + " bytes but only " + available
        + " bytes follow it." + REEXPORT);
  }

  static InvalidCheckpointException headerTooLarge(String source, long headerLength) {
    return invalidFile(source, "the header length prefix is "
        + Long.toUnsignedString(headerLength) + " bytes, above the limit of "
        + SafetensorsHeader.MAX_HEADER_BYTES
        + " bytes that the reference implementation enforces." + REEXPORT);
  }

  static InvalidCheckpointException headerNotUtf8(String source) {
    return invalidFile(source, "the header is not valid UTF-8." + REEXPORT);
  }

  static InvalidCheckpointException headerNotJson(String source, JsonProcessingException e) {
    long offset = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
    return new InvalidCheckpointException(prefix(source) + "the header is not valid JSON at"
        + " character " + offset + ": " + e.getOriginalMessage() + "." + REEXPORT, e);
  }

  static InvalidCheckpointException headerNotObject(String source, String text) {
    String start = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return invalidFile(source, "the header must be a JSON object but starts with \""
        + start.strip() + "\"." + REEXPORT);
  }

  static InvalidCheckpointException headerTrailingContent(String source, long charOffset) {
    return invalidFile(source, "the header has content after its JSON object, at character "
        + charOffset + "; only spaces may pad it." + REEXPORT);
  }

  static InvalidCheckpointException duplicateTensor(String source, String name) {
    return invalidFile(source, "tensor \"" + name + "\" appears twice in the header, so its"
        + " data is ambiguous." + REEXPORT);
  }

  static InvalidCheckpointException invalidMetadata(String source, String key, JsonNode value) {
    return invalidFile(source, "__metadata__ must map strings to strings but \"" + key
        + "\" is " + value + "." + REEXPORT);
  }

  static InvalidCheckpointException invalidEntryField(String source, String tensor,
      String field, JsonNode value, String requirement) {
    return invalidFile(source, "tensor \"" + tensor + "\": " + field + " must be "
        + requirement + " but got " + value + "." + REEXPORT);
  }

  static InvalidCheckpointException unknownDtype(String source, String tensor, String dtype) {
    return invalidFile(source, "tensor \"" + tensor + "\" has unknown dtype \"" + dtype
        + "\"; safetensors types are " + Arrays.toString(DType.values()) + "." + REEXPORT);
  }

  static InvalidCheckpointException reversedOffsets(String source, String tensor, long begin,
      long end) {
    return invalidFile(source, "tensor \"" + tensor + "\" has data_offsets [" + begin + ", "
        + end + "], whose end comes before its begin." + REEXPORT);
  }

  static InvalidCheckpointException shapeOverflow(String source, String tensor, long[] shape) {
    return invalidFile(source, "tensor \"" + tensor + "\" has shape " + Arrays.toString(shape)
        + ", whose byte size overflows a 64-bit integer." + REEXPORT);
  }

  static InvalidCheckpointException byteLengthMismatch(String source, String tensor,
      DType dtype, long[] shape, long expectedBytes, long begin, long end) {
    return invalidFile(source, "tensor \"" + tensor + "\" has data_offsets [" + begin + ", "
        + end + "], " + (end - begin) + " bytes, but its shape " + Arrays.toString(shape)
        + " of " + dtype + " needs " + expectedBytes + " bytes." + REEXPORT);
  }

  static InvalidCheckpointException notContiguous(String source, TensorEntry entry,
      TensorEntry previous, long expectedBegin) {
    String where;
    if (previous == null) {
      where = "but the first tensor must start at 0";
    } else if (entry.begin() < expectedBegin) {
      where = "inside the previous tensor \"" + previous.name() + "\", which ends at "
          + expectedBegin;
    } else {
      where = "but the previous tensor \"" + previous.name() + "\" ends at " + expectedBegin
          + ", which leaves a gap";
    }
    return invalidFile(source, "tensor \"" + entry.name() + "\" starts at byte "
        + entry.begin() + " of the data section, " + where
        + "; tensors must be stored back to back." + REEXPORT);
  }

  static InvalidCheckpointException tensorPastEnd(String source, TensorEntry entry,
      long dataLength) {
    return invalidFile(source, "tensor \"" + entry.name() + "\" ends at byte " + entry.end()
        + " of the data section, past its end at " + dataLength + " bytes." + REEXPORT);
  }

  static InvalidCheckpointException uncoveredBytes(String source, long coveredEnd,
      long dataLength) {
    return invalidFile(source, "the tensors cover " + coveredEnd + " bytes of the data"
        + " section, but it has " + dataLength + " bytes; every byte must belong to a"
        + " tensor." + REEXPORT);
  }

  // Reading tensors.

  static InvalidCheckpointException tensorNotInFile(String source, String tensor, int count) {
    return invalidFile(source, "there is no tensor \"" + tensor + "\" among its " + count
        + " tensors. Check the name with `gqa checkpoint inspect`.");
  }

  static InvalidCheckpointException unsupportedReadDtype(String source, TensorEntry entry) {
    return invalidFile(source, "tensor \"" + entry.name() + "\" has dtype " + entry.dtype()
        + ", which cannot be read as floats; only F32, BF16 and F16 can. Convert the"
        + " checkpoint to one of them.");
  }

  static InvalidCheckpointException tensorTooLarge(String source, TensorEntry entry) {
    return invalidFile(source, "tensor \"" + entry.name() + "\" of shape "
        + entry.shapeString() + " has " + entry.elementCount() + " elements, more than one"
        + " Java array holds (" + (Integer.MAX_VALUE - 8) + ").");
  }

  static InvalidCheckpointException truncatedData(String source, TensorEntry entry,
      EOFException cause) {
    return new InvalidCheckpointException(prefix(source) + "the file ended while reading"
        + " tensor \"" + entry.name() + "\" (bytes [" + entry.begin() + ", " + entry.end()
        + ") of the data section); it changed or was truncated after its header was read."
        + REEXPORT, cause);
  }

  // Writing.

  static IllegalArgumentException unsupportedWriteDtype(String target, DType dtype) {
    return new IllegalArgumentException("Cannot write " + target + " as " + dtype
        + ": only F32 and BF16 can be written. Choose one of them.");
  }

  static IllegalArgumentException invalidTensorName(String target, String name) {
    return new IllegalArgumentException("Cannot write " + target + ": tensor name \"" + name
        + "\" is empty or reserved (" + SafetensorsHeader.METADATA_KEY + "). Rename it.");
  }

  static IllegalArgumentException invalidOption(String name, Object value,
      String requirement) {
    return new IllegalArgumentException("Invalid checkpoint option: " + name + " must be "
        + requirement + " but got " + value + ".");
  }

  static IllegalArgumentException negativeDimension(int[] shape) {
    return new IllegalArgumentException("Invalid tensor shape " + Arrays.toString(shape)
        + ": dimensions must be non-negative.");
  }

  static IllegalArgumentException tensorDataMismatch(int[] shape, int dataLength) {
    return new IllegalArgumentException("Tensor shape " + Arrays.toString(shape)
        + " does not fit its data of " + dataLength + " floats: the product of the shape must"
        + " equal the data length and be at most " + Integer.MAX_VALUE + ".");
  }

  // Directories, index files and markers.

  static InvalidCheckpointException textFileTooLarge(String source, long length, long max) {
    return new InvalidCheckpointException("Could not read " + source + ": it has " + length
        + " bytes, more than the " + max + " that a JSON file of a checkpoint may have. Check"
        + " that the path names a config, index or marker file.");
  }

  static InvalidCheckpointException indexNotJson(String source, JsonProcessingException e) {
    return new InvalidCheckpointException("Invalid checkpoint index " + source + ": not valid"
        + " JSON (" + e.getOriginalMessage() + "). Write the index again or remove it and"
        + " keep a single model.safetensors.", e);
  }

  static InvalidCheckpointException invalidIndex(String source, String field, JsonNode value,
      String requirement) {
    return new InvalidCheckpointException("Invalid checkpoint index " + source + ": " + field
        + " must be " + requirement + " but got " + value + ". Write the index again.");
  }

  static InvalidCheckpointException invalidShardName(String source, String tensor,
      JsonNode shard) {
    return new InvalidCheckpointException("Invalid checkpoint index " + source + ": tensor \""
        + tensor + "\" maps to " + shard + ", which is not a file name in the same directory."
        + " Shard names must not contain path separators.");
  }

  static InvalidCheckpointException missingShard(String indexSource, String shard,
      int shardCount) {
    return new InvalidCheckpointException("Incomplete sharded checkpoint: " + indexSource
        + " lists shard " + shard + " (one of " + shardCount + "), which does not exist."
        + " Copy the missing shard beside the index.");
  }

  static InvalidCheckpointException tensorNotInShard(String indexSource, String tensor,
      String shard) {
    return new InvalidCheckpointException("Inconsistent sharded checkpoint: " + indexSource
        + " places tensor \"" + tensor + "\" in " + shard + ", which does not contain it."
        + " Write the checkpoint again.");
  }

  static InvalidCheckpointException tensorNotInCheckpoint(String dir, String baseName,
      String tensor, int count) {
    return new InvalidCheckpointException("Checkpoint " + dir + " has no tensor \"" + tensor
        + "\" under " + baseName + " (it has " + count + " tensors). Check the name with"
        + " `gqa checkpoint inspect`.");
  }

  static InvalidCheckpointException noTensorFiles(String dir, String single, String index) {
    return new InvalidCheckpointException("Checkpoint " + dir + " has neither " + single
        + " nor " + index + ". Point to a directory written by this tool or by Hugging"
        + " Face's save_pretrained with safe_serialization.");
  }

  static InvalidCheckpointException checkpointNotFound(String dir) {
    return new InvalidCheckpointException("Checkpoint directory " + dir + " does not exist."
        + " Check the path.");
  }

  static InvalidCheckpointException missingConfig(String dir) {
    return new InvalidCheckpointException("Checkpoint " + dir + " has no "
        + ModelCheckpoint.CONFIG_FILE + ". Copy the config.json of the model beside its"
        + " weights.");
  }

  static InvalidCheckpointException invalidMarker(String source, String detail) {
    return new InvalidCheckpointException("Invalid completion marker " + source + ": " + detail
        + ". Delete the checkpoint directory and write it again.");
  }

  static InvalidCheckpointException markerMismatch(String dir, String problem) {
    return new InvalidCheckpointException("Checkpoint " + dir + " does not match its "
        + CheckpointMarker.FILE_NAME + " marker: " + problem + ". A file was changed or"
        + " truncated after the checkpoint was written; use another checkpoint or write this"
        + " one again.");
  }

  static InvalidCheckpointException shapesDisagree(String source, T5Config config,
      ShapeReport report) {
    List<String> problems = report.problems();
    StringBuilder message = new StringBuilder("Checkpoint ").append(source)
        .append(" does not match its config (vocab_size ").append(config.vocabSize())
        .append(", d_model ").append(config.dModel())
        .append(", d_kv ").append(config.dKv())
        .append(", d_ff ").append(config.dFf())
        .append(", num_heads ").append(config.numHeads())
        .append(", num_key_value_heads ").append(config.numKeyValueHeads())
        .append(", layers ").append(config.numLayers()).append('+')
        .append(config.numDecoderLayers()).append("): ")
        .append(problems.size()).append(" problems:");
    for (String problem : problems.subList(0, Math.min(problems.size(), MAX_LISTED_PROBLEMS))) {
      message.append("\n  - ").append(problem);
    }
    if (problems.size() > MAX_LISTED_PROBLEMS) {
      message.append("\n  ... and ").append(problems.size() - MAX_LISTED_PROBLEMS)
          .append(" more");
    }
    message.append("\nUse the config.json the weights were written with, or convert the"
        + " weights to this config.");
    return new InvalidCheckpointException(message.toString());
  }

  /** Thrown as IllegalArgumentException: the caller passed tensors it did not canonicalize. */
  static IllegalArgumentException tensorNotInLayout(String name, int[] expected,
      FloatTensor actual) {
    return new IllegalArgumentException("Tensor " + name + " is "
        + (actual == null ? "missing" : "of shape " + actual.shapeString()) + " but the model"
        + " needs shape " + Arrays.toString(expected) + ". Pass tensors through"
        + " T5ParameterShapes.canonicalize for the model's config first.");
  }

  static FileAlreadyExistsException targetNotDirectory(String dir) {
    return new FileAlreadyExistsException(dir, null, "Cannot write a checkpoint to " + dir
        + ": it is a file, not a directory. Choose another path.");
  }

  static FileAlreadyExistsException targetNotEmpty(String dir, int entries) {
    return new FileAlreadyExistsException(dir, null, "Cannot write a checkpoint to " + dir
        + ": the directory exists and has " + entries + " entries. Choose a new directory or"
        + " allow replacing it.");
  }

  static FileAlreadyExistsException targetComplete(String dir) {
    return new FileAlreadyExistsException(dir, null, "Cannot write a checkpoint to " + dir
        + ": it holds a complete checkpoint (" + CheckpointMarker.FILE_NAME + " exists)."
        + " Delete it first if it should be replaced.");
  }

  private static String prefix(String source) {
    return "Invalid safetensors file " + source + ": ";
  }

  private static InvalidCheckpointException invalidFile(String source, String detail) {
    return new InvalidCheckpointException(prefix(source) + detail);
  }
}
