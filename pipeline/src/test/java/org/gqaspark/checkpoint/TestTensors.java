package org.gqaspark.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.gqaspark.model.T5Config;

/** Tensors, configs and raw files for checkpoint and conversion tests. */
public final class TestTensors {

  private TestTensors() {}

  /** Hadoop's local file system, the one that {@code file://} paths use. */
  public static FileSystem localFs() {
    try {
      return FileSystem.getLocal(new Configuration());
    } catch (IOException e) {
      throw new IllegalStateException("Hadoop's local file system is unavailable", e);
    }
  }

  /** Returns the Hadoop path of a local folder or file. */
  public static Path path(java.nio.file.Path local) {
    return new Path(local.toUri());
  }

  /** Returns a tensor of seeded uniform values in [-1, 1). */
  public static FloatTensor random(Random random, int... shape) {
    FloatTensor tensor = FloatTensor.zeros(shape);
    float[] data = tensor.data();
    for (int i = 0; i < data.length; i++) {
      data[i] = random.nextFloat() * 2 - 1;
    }
    return tensor;
  }

  /** Returns every parameter the config implies, filled with seeded uniform values. */
  public static Map<String, FloatTensor> randomModel(T5Config config, long seed) {
    Random random = new Random(seed);
    Map<String, FloatTensor> tensors = new LinkedHashMap<>();
    T5ParameterShapes.expected(config).forEach((name, shape) ->
        tensors.put(name, random(random, shape)));
    return tensors;
  }

  /** Writes a raw safetensors file: the length prefix, the header text as given, the data. */
  public static java.nio.file.Path writeRaw(java.nio.file.Path file, String header,
      byte[] data) throws IOException {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    return writeRaw(file, json.length, json, data);
  }

  /** Writes a raw file with an arbitrary length prefix, for hostile cases. */
  public static java.nio.file.Path writeRaw(java.nio.file.Path file, long prefix, byte[] header,
      byte[] data) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(8 + header.length + data.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    buffer.putLong(prefix).put(header).put(data);
    Files.write(file, buffer.array());
    return file;
  }
}
