package org.gqaspark.checkpoint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of tensors stored under one base name in a directory, in Hugging Face's two forms:
 * a single {@code <base>.safetensors}, or shards {@code <base>-00001-of-00003.safetensors}
 * listed by {@code <base>.safetensors.index.json}. The model uses base name
 * {@code model}; training state can use others (for example {@code optimizer}) in the same
 * directory.
 *
 * <p>When both forms are present the single file wins, as in transformers'
 * {@code from_pretrained}, and a warning names the ignored index.
 */
public final class ShardedSafetensors {

  private static final Logger LOG = LoggerFactory.getLogger(ShardedSafetensors.class);

  private ShardedSafetensors() {}

  public static String singleFileName(String baseName) {
    return baseName + ".safetensors";
  }

  public static String indexFileName(String baseName) {
    return baseName + ".safetensors.index.json";
  }

  /** Shard file name as Hugging Face numbers shards: 1-based, five digits. */
  public static String shardFileName(String baseName, int number, int count) {
    return String.format("%s-%05d-of-%05d.safetensors", baseName, number, count);
  }

  /** Whether the directory has tensors under {@code baseName} in either form. */
  public static boolean exists(FileSystem fs, Path dir, String baseName) throws IOException {
    return fs.exists(new Path(dir, singleFileName(baseName)))
        || fs.exists(new Path(dir, indexFileName(baseName)));
  }

  /**
   * Writes tensors in the caller's map order, starting a new shard whenever the next tensor
   * would take the current one past {@code options.maxShardBytes()}. One shard is written
   * as {@code <base>.safetensors} without an index. Files of the other form left by an
   * earlier write are deleted so that readers cannot pick them up.
   *
   * @return every written file, the index last
   */
  public static List<WrittenFile> write(FileSystem fs, Path dir, String baseName,
      Map<String, FloatTensor> tensors, WriteOptions options) throws IOException {
    List<List<String>> shards = planShards(tensors, options.dtype().bytes(),
        options.maxShardBytes());
    Path single = new Path(dir, singleFileName(baseName));
    Path index = new Path(dir, indexFileName(baseName));
    fs.mkdirs(dir);

    List<WrittenFile> written = new ArrayList<>();
    if (shards.size() <= 1) {
      fs.delete(index, false);
      written.add(writeShard(fs, single, tensors, shards.isEmpty() ? List.of() : shards.get(0),
          options, 1, 1));
      return written;
    }

    fs.delete(single, false);
    Map<String, String> weightMap = new TreeMap<>();
    long totalBytes = 0;
    for (int i = 0; i < shards.size(); i++) {
      String fileName = shardFileName(baseName, i + 1, shards.size());
      WrittenFile file = writeShard(fs, new Path(dir, fileName), tensors, shards.get(i),
          options, i + 1, shards.size());
      written.add(file);
      for (String name : shards.get(i)) {
        weightMap.put(name, fileName);
        totalBytes += (long) tensors.get(name).size() * options.dtype().bytes();
      }
    }
    SafetensorsIndex indexContent = new SafetensorsIndex(totalBytes, new TreeMap<>(weightMap),
        Map.of());
    written.add(StorageFiles.writeText(fs, index, indexContent.toJson()));
    return written;
  }

  /**
   * Splits tensor names into shards: in map order, a new shard starts when the next tensor
   * would take the current one past {@code maxShardBytes}, and a tensor larger than the
   * limit gets a shard of its own.
   */
  static List<List<String>> planShards(Map<String, FloatTensor> tensors, int elementBytes,
      long maxShardBytes) {
    List<List<String>> shards = new ArrayList<>();
    List<String> current = new ArrayList<>();
    long currentBytes = 0;
    for (Map.Entry<String, FloatTensor> item : tensors.entrySet()) {
      long bytes = (long) item.getValue().size() * elementBytes;
      if (!current.isEmpty() && currentBytes + bytes > maxShardBytes) {
        shards.add(current);
        current = new ArrayList<>();
        currentBytes = 0;
      }
      current.add(item.getKey());
      currentBytes += bytes;
    }
    if (!current.isEmpty()) {
      shards.add(current);
    }
    return shards;
  }

  /**
   * Lists every tensor with the file that stores it, reading only headers. For a sharded
   * checkpoint it checks that each tensor of the index is in its shard.
   *
   * @throws InvalidCheckpointException when neither form exists, the index is invalid, a
   *     shard is missing, or a tensor of the index is not in its shard
   */
  public static Map<String, LocatedTensor> list(FileSystem fs, Path dir, String baseName)
      throws IOException {
    Map<String, LocatedTensor> located = new LinkedHashMap<>();
    Layout layout = layout(fs, dir, baseName);
    if (layout.index == null) {
      SafetensorsHeader header = SafetensorsFile.readHeader(fs, layout.single);
      for (TensorEntry entry : header.entries()) {
        located.put(entry.name(), new LocatedTensor(layout.single.getName(), entry));
      }
      return located;
    }

    long totalBytes = 0;
    for (Map.Entry<String, List<String>> shard : layout.namesByShard().entrySet()) {
      Path path = new Path(dir, shard.getKey());
      Map<String, TensorEntry> entries = SafetensorsFile.readHeader(fs, path).byName();
      for (String name : shard.getValue()) {
        TensorEntry entry = entries.get(name);
        if (entry == null) {
          throw CheckpointErrors.tensorNotInShard(layout.indexPath.toString(), name,
              path.toString());
        }
        located.put(name, new LocatedTensor(shard.getKey(), entry));
        totalBytes += entry.byteLength();
      }
      Set<String> unlisted = new LinkedHashSet<>(entries.keySet());
      unlisted.removeAll(shard.getValue());
      if (!unlisted.isEmpty()) {
        LOG.warn("Shard {} has {} tensors that {} does not list, for example {}; they are"
            + " ignored, as Hugging Face's loader ignores them.", path, unlisted.size(),
            layout.indexPath.getName(), unlisted.iterator().next());
      }
    }
    if (layout.index.totalSize() >= 0 && layout.index.totalSize() != totalBytes) {
      LOG.warn("{} gives metadata.total_size {} but its tensors take {} bytes; the weights are"
          + " read as the shards describe them.", layout.indexPath, layout.index.totalSize(),
          totalBytes);
    }
    return located;
  }

  /** Reads every tensor, shard by shard. */
  public static Map<String, FloatTensor> readAll(FileSystem fs, Path dir, String baseName)
      throws IOException {
    return read(fs, dir, baseName, null);
  }

  /**
   * Reads only the named tensors, opening only the shards that store them.
   *
   * @param names tensors to read; null reads all
   * @throws InvalidCheckpointException when a name is not in the checkpoint
   */
  public static Map<String, FloatTensor> read(FileSystem fs, Path dir, String baseName,
      Collection<String> names) throws IOException {
    Layout layout = layout(fs, dir, baseName);
    if (layout.index == null) {
      try (SafetensorsFile file = SafetensorsFile.open(fs, layout.single)) {
        logReading(file, 1, 1);
        return names == null ? file.readAll() : file.read(names);
      }
    }

    Map<String, List<String>> wanted = layout.namesByShard();
    if (names != null) {
      wanted = new TreeMap<>();
      for (String name : names) {
        String shard = layout.index.weightMap().get(name);
        if (shard == null) {
          throw CheckpointErrors.tensorNotInCheckpoint(dir.toString(), baseName, name,
              layout.index.weightMap().size());
        }
        wanted.computeIfAbsent(shard, key -> new ArrayList<>()).add(name);
      }
    }

    Map<String, FloatTensor> tensors = new LinkedHashMap<>();
    int number = 0;
    for (Map.Entry<String, List<String>> shard : wanted.entrySet()) {
      number++;
      Path path = new Path(dir, shard.getKey());
      try (SafetensorsFile file = SafetensorsFile.open(fs, path)) {
        Map<String, TensorEntry> entries = file.header().byName();
        for (String name : shard.getValue()) {
          if (!entries.containsKey(name)) {
            throw CheckpointErrors.tensorNotInShard(layout.indexPath.toString(), name,
                path.toString());
          }
        }
        logReading(file, number, wanted.size());
        tensors.putAll(file.read(shard.getValue()));
      }
    }
    return tensors;
  }

  private static WrittenFile writeShard(FileSystem fs, Path path,
      Map<String, FloatTensor> tensors, List<String> names, WriteOptions options, int number,
      int count) throws IOException {
    Map<String, FloatTensor> shard = new LinkedHashMap<>();
    for (String name : names) {
      shard.put(name, tensors.get(name));
    }
    long start = System.nanoTime();
    WrittenFile file = SafetensorsWriter.write(fs, path, shard, options.dtype(),
        options.metadata());
    double seconds = Math.max((System.nanoTime() - start) / 1e9, 1e-9);
    LOG.info("Wrote {} ({}/{}): {} tensors, {} bytes in {} s ({} MB/s).", path, number, count,
        names.size(), file.bytes(), String.format("%.2f", seconds),
        String.format("%.1f", file.bytes() / seconds / 1e6));
    return file;
  }

  private static void logReading(SafetensorsFile file, int number, int count) {
    LOG.info("Reading {} ({}/{}): {} tensors, {} bytes.", file.source(), number, count,
        file.header().entries().size(), file.header().dataLength());
  }

  /** Which form the directory uses: a single file, or an index and its shards. */
  private record Layout(Path single, Path indexPath, SafetensorsIndex index) {

    /** Tensor names per shard file, shards in sorted order. */
    Map<String, List<String>> namesByShard() {
      Map<String, List<String>> byShard = new TreeMap<>();
      index.weightMap().forEach((name, shard) ->
          byShard.computeIfAbsent(shard, key -> new ArrayList<>()).add(name));
      return byShard;
    }
  }

  private static Layout layout(FileSystem fs, Path dir, String baseName) throws IOException {
    Path single = new Path(dir, singleFileName(baseName));
    Path indexPath = new Path(dir, indexFileName(baseName));
    boolean hasSingle = fs.exists(single);
    boolean hasIndex = fs.exists(indexPath);
    if (hasSingle) {
      if (hasIndex) {
        LOG.warn("{} has both {} and {}; reading {} and ignoring the index.", dir,
            single.getName(), indexPath.getName(), single.getName());
      }
      return new Layout(single, indexPath, null);
    }
    if (!hasIndex) {
      throw CheckpointErrors.noTensorFiles(dir.toString(), single.getName(),
          indexPath.getName());
    }
    SafetensorsIndex index = SafetensorsIndex.fromJson(StorageFiles.readText(fs, indexPath),
        indexPath.toString());
    for (String shard : index.shardFiles()) {
      if (!fs.exists(new Path(dir, shard))) {
        throw CheckpointErrors.missingShard(indexPath.toString(), shard,
            index.shardFiles().size());
      }
    }
    return new Layout(single, indexPath, index);
  }
}
