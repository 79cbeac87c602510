package org.gqaspark.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists a dataset's files on the driver and opens them in tasks, through Hadoop's file
 * systems (local, s3a and the others Hadoop has). Listing on the driver turns a path that
 * matches nothing into an error before any task starts.
 */
public final class CorpusFiles {

  private static final Logger LOG = LoggerFactory.getLogger(CorpusFiles.class);
  private static final int GZIP_BUFFER_BYTES = 64 * 1024;

  private CorpusFiles() {}

  /** Returns the read tasks of all datasets: one per file, or per file pair. */
  public static List<ReadTask> plan(List<DatasetSpec> datasets, Configuration hadoop) {
    List<ReadTask> tasks = new ArrayList<>();
    for (DatasetSpec dataset : datasets) {
      if (dataset.source() instanceof CorpusSource.TextPair pair) {
        List<InputFile> sources = list(dataset.label(), pair.sourcePaths(), hadoop);
        List<InputFile> targets = list(dataset.label(), pair.targetPaths(), hadoop);
        if (sources.size() != targets.size()) {
          throw DataErrors.pairFileCounts(dataset.label(), sources.size(), targets.size());
        }
        for (int i = 0; i < sources.size(); i++) {
          tasks.add(new ReadTask(dataset, sources.get(i), targets.get(i)));
        }
      } else {
        List<String> paths = dataset.source() instanceof CorpusSource.Jsonl jsonl ? jsonl.paths()
            : ((CorpusSource.Tsv) dataset.source()).paths();
        for (InputFile file : list(dataset.label(), paths, hadoop)) {
          tasks.add(new ReadTask(dataset, file, null));
        }
      }
    }
    return tasks;
  }

  /**
   * Expands paths, folders and globs to files, in the given order with each expansion sorted
   * by name, and names each file relative to the deepest folder that contains all of them.
   */
  static List<InputFile> list(String dataset, List<String> paths, Configuration hadoop) {
    Map<String, FileStatus> files = new LinkedHashMap<>();
    for (String path : paths) {
      for (FileStatus status : expand(dataset, path, hadoop)) {
        String key = status.getPath().toString();
        if (files.putIfAbsent(key, status) != null) {
          LOG.warn("Dataset {}: {} is matched by more than one path; reading it once", dataset,
              key);
        }
      }
    }
    String folder = commonFolder(files.keySet());
    List<InputFile> result = new ArrayList<>();
    for (Map.Entry<String, FileStatus> entry : files.entrySet()) {
      String relative = entry.getKey().substring(folder.length());
      result.add(new InputFile(entry.getKey(), relative, entry.getValue().getLen()));
    }
    return result;
  }

  /**
   * Opens a file for reading, decompressing {@code .gz} with the JDK (which reads
   * concatenated gzip members) and other suffixes Hadoop has a codec for, such as {@code
   * .bz2}.
   */
  public static InputStream open(String file, Configuration hadoop) throws IOException {
    Path path = new Path(file);
    FileSystem fs = path.getFileSystem(hadoop);
    InputStream raw = fs.open(path);
    try {
      if (file.endsWith(".gz")) {
        return new GZIPInputStream(raw, GZIP_BUFFER_BYTES);
      }
      CompressionCodec codec = new CompressionCodecFactory(hadoop).getCodec(path);
      return codec == null ? raw : codec.createInputStream(raw);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  private static List<FileStatus> expand(String dataset, String path, Configuration hadoop) {
    try {
      Path pattern = new Path(path);
      FileSystem fs = pattern.getFileSystem(hadoop);
      FileStatus[] matches = fs.globStatus(pattern);
      if (matches == null || matches.length == 0) {
        throw DataErrors.noFiles(dataset, path);
      }
      List<FileStatus> files = new ArrayList<>();
      for (FileStatus match : matches) {
        if (match.isDirectory()) {
          Arrays.stream(fs.listStatus(match.getPath()))
              .filter(FileStatus::isFile)
              .filter(status -> !hidden(status.getPath().getName()))
              .forEach(files::add);
        } else {
          files.add(match);
        }
      }
      if (files.isEmpty()) {
        throw DataErrors.noFiles(dataset, path);
      }
      files.sort(Comparator.comparing(status -> status.getPath().toString()));
      return files;
    } catch (IOException e) {
      throw DataErrors.listingFailed(dataset, path, e);
    }
  }

  // Spark and Hadoop write markers such as _SUCCESS and .crc files next to data.
  private static boolean hidden(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }

  /** Returns the longest folder prefix, ending in '/', shared by all the file URIs. */
  static String commonFolder(Iterable<String> files) {
    String common = null;
    for (String file : files) {
      String folder = file.substring(0, file.lastIndexOf('/') + 1);
      if (common == null) {
        common = folder;
      }
      while (!folder.startsWith(common)) {
        common = common.substring(0, common.lastIndexOf('/', common.length() - 2) + 1);
      }
    }
    return common == null ? "" : common;
  }
}
