package org.gqaspark.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * File access over Hadoop's {@link FileSystem}: JSON texts, copies, checksums, and the
 * streams that the safetensors reader and writer use.
 *
 * <p>On the local file system, Hadoop's default {@code LocalFileSystem} keeps a hidden
 * {@code .name.crc} file beside every file it writes and fails reads once the file is edited
 * by other tools (a hand-fixed config.json, say). Checkpoints are read and written through
 * the raw local file system instead, so they look exactly as Hugging Face writes them. The
 * completion marker's CRC-32C list takes over the checking.
 */
public final class StorageFiles {

  /**
   * Longest JSON file (config, index, marker, trainer state) read into memory. The index of
   * a model with a million tensors stays far below it; anything larger is not one of these.
   */
  public static final long MAX_TEXT_BYTES = 256L << 20;

  private static final int COPY_BUFFER_BYTES = 1 << 20;

  private StorageFiles() {}

  /** Returns the file system that checkpoint files are read and written through. */
  static FileSystem unchecked(FileSystem fs) {
    return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
  }

  /** Creates {@code path}, replacing any file there, and counts and checksums the bytes. */
  static ChecksumOutputStream create(FileSystem fs, Path path) throws IOException {
    return new ChecksumOutputStream(unchecked(fs).create(path, true));
  }

  /** Opens {@code path} for reading. */
  static FSDataInputStream open(FileSystem fs, Path path) throws IOException {
    return unchecked(fs).open(path);
  }

  /** Writes UTF-8 text, replacing any file at {@code path}. */
  public static WrittenFile writeText(FileSystem fs, Path path, String text) throws IOException {
    try (ChecksumOutputStream out = create(fs, path)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return out.record(path.getName());
    }
  }

  /**
   * Reads a UTF-8 text file.
   *
   * @throws InvalidCheckpointException when the file is longer than {@link #MAX_TEXT_BYTES}
   */
  public static String readText(FileSystem fs, Path path) throws IOException {
    long length = fs.getFileStatus(path).getLen();
    if (length > MAX_TEXT_BYTES) {
      throw CheckpointErrors.textFileTooLarge(path.toString(), length, MAX_TEXT_BYTES);
    }
    byte[] bytes = new byte[(int) length];
    try (FSDataInputStream in = open(fs, path)) {
      in.readFully(bytes);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Copies a file, possibly between file systems, replacing any file at {@code target}. */
  public static WrittenFile copy(FileSystem sourceFs, Path source, FileSystem targetFs,
      Path target) throws IOException {
    byte[] buffer = new byte[COPY_BUFFER_BYTES];
    try (InputStream in = open(sourceFs, source);
        ChecksumOutputStream out = create(targetFs, target)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        out.write(buffer, 0, read);
      }
      out.flush();
      return out.record(target.getName());
    }
  }

  /** Reads a whole file and returns its CRC-32C as 8 lowercase hex digits. */
  public static String crc32c(FileSystem fs, Path path) throws IOException {
    CRC32C crc = new CRC32C();
    byte[] buffer = new byte[COPY_BUFFER_BYTES];
    try (InputStream in = open(fs, path)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        crc.update(buffer, 0, read);
      }
    }
    return ChecksumOutputStream.crc32cHex(crc.getValue());
  }
}
