package org.gqaspark.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes float tensors as one safetensors file, laid out byte for byte as the reference
 * writer (safetensors 0.4, {@code serialize_to_file}) lays out a file of one dtype: tensors
 * sorted by name (bytewise on UTF-8), stored back to back from offset 0, header padded with
 * spaces to a multiple of 8 bytes. Tensors are encoded one chunk at a time straight into the
 * output stream, so memory use stays at the tensors plus one chunk.
 */
public final class SafetensorsWriter {

  private static final Comparator<String> UTF8_ORDER =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
          b.getBytes(StandardCharsets.UTF_8));

  private SafetensorsWriter() {}

  /**
   * Writes one file through Hadoop's {@link FileSystem}, replacing any file at {@code path}.
   *
   * @param dtype F32 (exact) or BF16 (rounded to nearest even)
   * @param metadata the {@code __metadata__} map; empty to omit it
   * @return name, length and CRC-32C of the written file, for a completion marker
   */
  public static WrittenFile write(FileSystem fs, Path path, Map<String, FloatTensor> tensors,
      DType dtype, Map<String, String> metadata) throws IOException {
    try (ChecksumOutputStream out = StorageFiles.create(fs, path)) {
      write(out, tensors, dtype, metadata, path.toString());
      out.flush();
      return out.record(path.getName());
    }
  }

  /**
   * Writes one file to {@code out}, which the caller closes.
   *
   * @param target file name for error messages
   * @return the header as written
   */
  public static SafetensorsHeader write(OutputStream out, Map<String, FloatTensor> tensors,
      DType dtype, Map<String, String> metadata, String target) throws IOException {
    if (!dtype.isWritable()) {
      throw CheckpointErrors.unsupportedWriteDtype(target, dtype);
    }
    List<TensorEntry> entries = layout(tensors, dtype, target);
    byte[] header = SafetensorsHeader.serialize(entries, metadata);

    byte[] prefix = ByteBuffer.allocate(SafetensorsHeader.PREFIX_BYTES)
        .order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array();
    out.write(prefix);
    out.write(header);

    byte[] chunk = new byte[TensorCodec.CHUNK_BYTES];
    int elementsPerChunk = TensorCodec.CHUNK_BYTES / dtype.bytes();
    for (TensorEntry entry : entries) {
      float[] data = tensors.get(entry.name()).data();
      for (int offset = 0; offset < data.length; offset += elementsPerChunk) {
        int count = Math.min(elementsPerChunk, data.length - offset);
        TensorCodec.encode(data, offset, count, dtype, chunk);
        out.write(chunk, 0, count * dtype.bytes());
      }
    }
    return new SafetensorsHeader(entries, metadata, header.length);
  }

  /** Returns the header entries of {@code tensors} in file order, with their offsets. */
  static List<TensorEntry> layout(Map<String, FloatTensor> tensors, DType dtype, String target) {
    List<String> names = new ArrayList<>(tensors.keySet());
    names.sort(UTF8_ORDER);
    List<TensorEntry> entries = new ArrayList<>(names.size());
    long offset = 0;
    for (String name : names) {
      if (name.isEmpty() || name.equals(SafetensorsHeader.METADATA_KEY)) {
        throw CheckpointErrors.invalidTensorName(target, name);
      }
      FloatTensor tensor = tensors.get(name);
      long bytes = (long) tensor.size() * dtype.bytes();
      long[] shape = Arrays.stream(tensor.shape()).asLongStream().toArray();
      entries.add(new TensorEntry(name, dtype, shape, offset, offset + bytes));
      offset += bytes;
    }
    return entries;
  }
}
