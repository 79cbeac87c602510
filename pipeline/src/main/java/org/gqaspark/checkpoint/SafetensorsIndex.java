package org.gqaspark.checkpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The index of a sharded checkpoint, {@code model.safetensors.index.json}, as Hugging Face
 * writes it: {@code {"metadata": {"total_size": bytes}, "weight_map": {tensor: shard}}},
 * keys sorted and indented by two spaces ({@code json.dumps(index, indent=2,
 * sort_keys=True)} in transformers' {@code save_pretrained}).
 *
 * @param totalSize bytes of tensor data in all shards together, -1 when the index omits it
 * @param weightMap shard file name of every tensor, sorted by tensor name
 * @param extraMetadata other keys of {@code metadata} (newer transformers add
 *     {@code total_parameters}), kept as read
 */
public record SafetensorsIndex(
    long totalSize, SortedMap<String, String> weightMap, Map<String, JsonNode> extraMetadata) {

  private static final ObjectMapper JSON = new ObjectMapper(
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  public SafetensorsIndex {
    weightMap = Collections.unmodifiableSortedMap(new TreeMap<>(weightMap));
    extraMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(extraMetadata));
  }

  /** Shard file names in sorted order. */
  public TreeSet<String> shardFiles() {
    return new TreeSet<>(weightMap.values());
  }

  /**
   * Parses an index file.
   *
   * @param source file name for error messages
   * @throws InvalidCheckpointException when the text is not JSON, {@code weight_map} is
   *     missing or not a map of strings, or a shard name is not a plain file name
   */
  public static SafetensorsIndex fromJson(String json, String source)
      throws InvalidCheckpointException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw CheckpointErrors.indexNotJson(source, e);
    }
    if (root == null || !root.isObject()) {
      throw CheckpointErrors.invalidIndex(source, "the top level", root, "a JSON object");
    }

    JsonNode weights = root.get("weight_map");
    if (weights == null || !weights.isObject()) {
      throw CheckpointErrors.invalidIndex(source, "weight_map", weights,
          "an object mapping tensor names to shard file names");
    }
    SortedMap<String, String> weightMap = new TreeMap<>();
    for (Map.Entry<String, JsonNode> item : weights.properties()) {
      JsonNode shard = item.getValue();
      if (!shard.isTextual() || !isPlainFileName(shard.textValue())) {
        throw CheckpointErrors.invalidShardName(source, item.getKey(), shard);
      }
      weightMap.put(item.getKey(), shard.textValue());
    }

    long totalSize = -1;
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    JsonNode metadata = root.get("metadata");
    if (metadata != null && !metadata.isNull()) {
      if (!metadata.isObject()) {
        throw CheckpointErrors.invalidIndex(source, "metadata", metadata, "a JSON object");
      }
      for (Map.Entry<String, JsonNode> item : metadata.properties()) {
        if (item.getKey().equals("total_size")) {
          JsonNode value = item.getValue();
          if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw CheckpointErrors.invalidIndex(source, "metadata.total_size", value,
                "a non-negative integer");
          }
          totalSize = value.longValue();
        } else {
          extra.put(item.getKey(), item.getValue());
        }
      }
    }
    return new SafetensorsIndex(totalSize, weightMap, extra);
  }

  /** Writes the index as Hugging Face does, with a final newline. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode metadata = root.putObject("metadata");
    Map<String, JsonNode> sortedMetadata = new TreeMap<>(extraMetadata);
    if (totalSize >= 0) {
      sortedMetadata.put("total_size", JSON.getNodeFactory().numberNode(totalSize));
    }
    sortedMetadata.forEach(metadata::set);
    ObjectNode weights = root.putObject("weight_map");
    weightMap.forEach(weights::put);

    // Python's json.dumps(indent=2): two-space indentation, "key": value, no space before
    // the colon, and "{}" for an empty object.
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator(""))
        .withObjectIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return JSON.writer(printer).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not serialise a checkpoint index in memory", e);
    }
  }

  /** Whether {@code name} names a file in the same directory: no separators, not . or ... */
  static boolean isPlainFileName(String name) {
    return !name.isEmpty() && !name.equals(".") && !name.equals("..")
        && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf(':') < 0;
  }
}
