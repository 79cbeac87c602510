package org.gqaspark.checkpoint;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An open safetensors file on any Hadoop {@link FileSystem} (local paths, {@code s3a://}).
 * Opening reads and validates only the header. Tensors are read on request, each decoded
 * chunk by chunk into its float array, so a file is never held twice in memory. Reading
 * every tensor streams the file front to back, and reading a few seeks to each.
 *
 * <p>Not thread-safe: one reader per thread.
 */
public final class SafetensorsFile implements Closeable {

  private final FSDataInputStream in;
  private final SafetensorsHeader header;
  private final String source;

  private SafetensorsFile(FSDataInputStream in, SafetensorsHeader header, String source) {
    this.in = in;
    this.header = header;
    this.source = source;
  }

  /**
   * Opens {@code path} and validates its header against the file length.
   *
   * @throws InvalidCheckpointException when the file is not a valid safetensors file; the
   *     message names the file, the tensor and the offending value
   * @throws java.io.FileNotFoundException when the file does not exist
   */
  public static SafetensorsFile open(FileSystem fs, Path path) throws IOException {
    String source = path.toString();
    long fileLength = fs.getFileStatus(path).getLen();
    FSDataInputStream in = StorageFiles.open(fs, path);
    try {
      SafetensorsHeader header = readHeader(in, fileLength, source);
      return new SafetensorsFile(in, header, source);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Reads and validates only the header of {@code path}, for inspection. */
  public static SafetensorsHeader readHeader(FileSystem fs, Path path) throws IOException {
    try (SafetensorsFile file = open(fs, path)) {
      return file.header();
    }
  }

  public SafetensorsHeader header() {
    return header;
  }

  /** File name or URI, as error messages show it. */
  public String source() {
    return source;
  }

  /** Reads every tensor, streaming the data section in order. */
  public Map<String, FloatTensor> readAll() throws IOException {
    return readEntries(header.entries());
  }

  /**
   * Reads the named tensors, in data-section order.
   *
   * @throws InvalidCheckpointException when a name is not in the file, or a tensor's dtype
   *     cannot be read as floats
   */
  public Map<String, FloatTensor> read(Collection<String> names) throws IOException {
    Map<String, TensorEntry> byName = header.byName();
    List<TensorEntry> selected = new ArrayList<>();
    for (String name : names) {
      TensorEntry entry = byName.get(name);
      if (entry == null) {
        throw CheckpointErrors.tensorNotInFile(source, name, byName.size());
      }
      selected.add(entry);
    }
    selected.sort(Comparator.comparingLong(TensorEntry::begin));
    return readEntries(selected);
  }

  /** Reads one tensor. */
  public FloatTensor read(String name) throws IOException {
    return read(List.of(name)).get(name);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private Map<String, FloatTensor> readEntries(List<TensorEntry> entries) throws IOException {
    for (TensorEntry entry : entries) {
      if (!entry.dtype().isReadableAsFloat()) {
        throw CheckpointErrors.unsupportedReadDtype(source, entry);
      }
      if (entry.elementCount() > Integer.MAX_VALUE - 8) {
        throw CheckpointErrors.tensorTooLarge(source, entry);
      }
    }
    Map<String, FloatTensor> tensors = new LinkedHashMap<>();
    byte[] chunk = new byte[TensorCodec.CHUNK_BYTES];
    for (TensorEntry entry : entries) {
      tensors.put(entry.name(), readEntry(entry, chunk));
    }
    return tensors;
  }

  private FloatTensor readEntry(TensorEntry entry, byte[] chunk) throws IOException {
    long position = header.dataStart() + entry.begin();
    if (in.getPos() != position) {
      in.seek(position);
    }
    int elementBytes = entry.dtype().bytes();
    int elementsPerChunk = chunk.length / elementBytes;
    float[] data = new float[(int) entry.elementCount()];
    for (int offset = 0; offset < data.length; offset += elementsPerChunk) {
      int count = Math.min(elementsPerChunk, data.length - offset);
      try {
        in.readFully(chunk, 0, count * elementBytes);
      } catch (EOFException e) {
        throw CheckpointErrors.truncatedData(source, entry, e);
      }
      TensorCodec.decode(chunk, count, entry.dtype(), data, offset);
    }
    int[] shape = new int[entry.shape().length];
    long[] longShape = entry.shape();
    for (int i = 0; i < shape.length; i++) {
      shape[i] = (int) longShape[i];
    }
    return new FloatTensor(shape, data);
  }

  private static SafetensorsHeader readHeader(FSDataInputStream in, long fileLength,
      String source) throws IOException {
    if (fileLength < SafetensorsHeader.PREFIX_BYTES) {
      throw CheckpointErrors.fileTooShort(source, fileLength);
    }
    byte[] prefix = new byte[SafetensorsHeader.PREFIX_BYTES];
    in.readFully(prefix);
    long headerLength = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
    long available = fileLength - SafetensorsHeader.PREFIX_BYTES;
    // A negative value is an unsigned length of 2^63 or more.
    if (headerLength < 0 || headerLength > SafetensorsHeader.MAX_HEADER_BYTES) {
      throw CheckpointErrors.headerTooLarge(source, headerLength);
    }
    if (headerLength > available) {
      throw CheckpointErrors.headerPastEnd(source, headerLength, available);
    }
    byte[] json = new byte[(int) headerLength];
    in.readFully(json);
    return SafetensorsHeader.parse(json, available - headerLength, source);
  }
}
