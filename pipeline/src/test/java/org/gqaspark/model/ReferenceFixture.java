package org.gqaspark.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.Map;

/**
 * One case written by {@code scripts/reference/t5_reference.py}: a JSON manifest (config,
 * batch, loss, AdamW losses, tensor index) and a file of little-endian float32 tensors.
 */
final class ReferenceFixture {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FOLDER = "/reference/";

  private final JsonNode manifest;
  private final ByteBuffer data;

  private ReferenceFixture(JsonNode manifest, ByteBuffer data) {
    this.manifest = manifest;
    this.data = data;
  }

  static ReferenceFixture load(String caseName) {
    JsonNode manifest = readTree(caseName + ".json");
    byte[] bytes = readBytes(manifest.get("data_file").asText());
    return new ReferenceFixture(manifest, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
  }

  static JsonNode readTree(String file) {
    try (InputStream in = resource(file)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read fixture " + file, e);
    }
  }

  private static byte[] readBytes(String file) {
    try (InputStream in = resource(file)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read fixture " + file, e);
    }
  }

  private static InputStream resource(String file) {
    InputStream in = ReferenceFixture.class.getResourceAsStream(FOLDER + file);
    if (in == null) {
      throw new IllegalStateException("Fixture " + FOLDER + file + " is missing; regenerate it"
          + " with scripts/reference/t5_reference.py.");
    }
    return in;
  }

  T5Config config() {
    return T5Config.fromJson(manifest.get("config").toString(), "reference fixture");
  }

  Seq2SeqBatch batch() {
    JsonNode batch = manifest.get("batch");
    return new Seq2SeqBatch(batch.get("batch_size").asInt(), batch.get("source_length").asInt(),
        batch.get("target_length").asInt(), ints(batch.get("input_ids")),
        ints(batch.get("attention_mask")), ints(batch.get("decoder_input_ids")),
        ints(batch.get("decoder_attention_mask")), ints(batch.get("labels")));
  }

  double loss() {
    return manifest.get("loss").asDouble();
  }

  JsonNode adamw() {
    return manifest.get("adamw");
  }

  /** Returns the stored tensor of that name, for example {@code grad/shared.weight}. */
  float[] tensor(String name) {
    JsonNode entry = manifest.get("tensors").get(name);
    if (entry == null) {
      throw new IllegalArgumentException("Fixture has no tensor " + name);
    }
    int size = 1;
    for (JsonNode dim : entry.get("shape")) {
      size *= dim.asInt();
    }
    float[] values = new float[size];
    int offset = entry.get("offset").asInt();
    for (int i = 0; i < size; i++) {
      values[i] = data.getFloat((offset + i) * Float.BYTES);
    }
    return values;
  }

  /** Copies every stored weight into the store, by Hugging Face name. */
  void loadWeights(ParameterStore store) {
    for (Iterator<Map.Entry<String, JsonNode>> it = manifest.get("tensors").fields();
        it.hasNext(); ) {
      String name = it.next().getKey();
      if (name.startsWith("weight/")) {
        store.setValues(name.substring("weight/".length()), tensor(name));
      }
    }
  }

  static int[] ints(JsonNode array) {
    int[] values = new int[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asInt();
    }
    return values;
  }
}
