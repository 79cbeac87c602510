package org.gqaspark.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The completion marker of a checkpoint directory, {@code _COMPLETE}. It is written last,
 * after every other file of the checkpoint, so a directory without it was cut off while it
 * was written and does not count. It records the training step, the time, and the length
 * and CRC-32C of every file, so a reader can also detect files changed or truncated later.
 *
 * <p>Example:
 * <pre>{@code
 * {
 *   "format" : "gqa-checkpoint-marker",
 *   "version" : 1,
 *   "step" : 1200,
 *   "time" : "2025-06-01T12:00:00Z",
 *   "files" : [ { "name" : "config.json", "bytes" : 812, "crc32c" : "1c2b3a4d" } ]
 * }
 * }</pre>
 *
 * @param step training step the checkpoint holds; 0 outside training (a conversion)
 * @param time when the marker was written
 * @param files every file of the checkpoint except the marker, in write order
 */
public record CheckpointMarker(long step, Instant time, List<WrittenFile> files) {

  public static final String FILE_NAME = "_COMPLETE";

  private static final String FORMAT = "gqa-checkpoint-marker";
  private static final int VERSION = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public CheckpointMarker {
    if (step < 0) {
      throw CheckpointErrors.invalidOption("step", step, "a non-negative training step");
    }
    files = List.copyOf(files);
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("step", step);
    root.put("time", time.toString());
    ArrayNode list = root.putArray("files");
    for (WrittenFile file : files) {
      list.addObject()
          .put("name", file.name())
          .put("bytes", file.bytes())
          .put("crc32c", file.crc32c());
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not serialise a checkpoint marker in memory", e);
    }
  }

  /**
   * Parses a marker.
   *
   * @throws InvalidCheckpointException when the text is not a marker of this format
   */
  public static CheckpointMarker fromJson(String json, String source)
      throws InvalidCheckpointException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw CheckpointErrors.invalidMarker(source, "not JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
      throw CheckpointErrors.invalidMarker(source, "\"format\" is not \"" + FORMAT + "\"");
    }
    if (root.path("version").asInt(-1) != VERSION) {
      throw CheckpointErrors.invalidMarker(source, "\"version\" must be " + VERSION
          + " but got " + root.get("version"));
    }
    JsonNode step = root.get("step");
    if (step == null || !step.canConvertToLong() || step.longValue() < 0) {
      throw CheckpointErrors.invalidMarker(source, "\"step\" must be a non-negative integer"
          + " but got " + step);
    }
    Instant time;
    try {
      time = Instant.parse(root.path("time").asText());
    } catch (DateTimeParseException e) {
      throw CheckpointErrors.invalidMarker(source, "\"time\" must be an ISO-8601 instant but"
          + " got " + root.get("time"));
    }
    List<WrittenFile> files = new ArrayList<>();
    for (JsonNode file : root.path("files")) {
      JsonNode name = file.get("name");
      JsonNode bytes = file.get("bytes");
      JsonNode crc = file.get("crc32c");
      if (name == null || !name.isTextual() || !SafetensorsIndex.isPlainFileName(name.asText())
          || bytes == null || !bytes.canConvertToLong() || crc == null || !crc.isTextual()) {
        throw CheckpointErrors.invalidMarker(source, "file record " + file
            + " must have a plain file \"name\", \"bytes\" and \"crc32c\"");
      }
      files.add(new WrittenFile(name.asText(), bytes.longValue(), crc.asText()));
    }
    return new CheckpointMarker(step.longValue(), time, files);
  }

  /**
   * Reads the marker of {@code dir}.
   *
   * @return empty when the directory has no marker
   * @throws InvalidCheckpointException when the marker exists but is invalid
   */
  public static Optional<CheckpointMarker> read(FileSystem fs, Path dir) throws IOException {
    Path path = new Path(dir, FILE_NAME);
    String text;
    try {
      text = StorageFiles.readText(fs, path);
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
    return Optional.of(fromJson(text, path.toString()));
  }

  /**
   * Checks the files against this marker: each must exist with the recorded length and,
   * when {@code checksums} is set, the recorded CRC-32C (which reads every file).
   *
   * @return the first problem found, or empty when the files match
   */
  public Optional<String> verify(FileSystem fs, Path dir, boolean checksums) throws IOException {
    for (WrittenFile file : files) {
      Path path = new Path(dir, file.name());
      long length;
      try {
        length = fs.getFileStatus(path).getLen();
      } catch (FileNotFoundException e) {
        return Optional.of("file " + file.name() + " listed in " + FILE_NAME + " is missing");
      }
      if (length != file.bytes()) {
        return Optional.of("file " + file.name() + " has " + length + " bytes but "
            + FILE_NAME + " records " + file.bytes());
      }
      if (checksums) {
        String crc = StorageFiles.crc32c(fs, path);
        if (!crc.equals(file.crc32c())) {
          return Optional.of("file " + file.name() + " has CRC-32C " + crc + " but "
              + FILE_NAME + " records " + file.crc32c());
        }
      }
    }
    return Optional.empty();
  }
}
