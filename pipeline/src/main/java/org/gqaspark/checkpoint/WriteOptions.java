package org.gqaspark.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How tensors are written.
 *
 * @param dtype F32 (exact) or BF16 (half the bytes, rounded to nearest even)
 * @param maxShardBytes tensor bytes per file before the next shard starts; a tensor larger
 *     than this gets a shard of its own, as in Hugging Face's writer
 * @param metadata the {@code __metadata__} map of every file
 */
public record WriteOptions(DType dtype, long maxShardBytes, Map<String, String> metadata) {

  /** Hugging Face's default shard limit, 5 GB (decimal, as huggingface_hub counts it). */
  public static final long DEFAULT_MAX_SHARD_BYTES = 5_000_000_000L;

  /**
   * The metadata that transformers' {@code save_pretrained} writes; its loader rejects a
   * file whose {@code format} is not one of pt, tf, flax or mlx. Row-major little-endian
   * float tensors are what "pt" (PyTorch) promises.
   */
  public static final Map<String, String> HUGGING_FACE_METADATA = Map.of("format", "pt");

  public WriteOptions {
    if (dtype == null || !dtype.isWritable()) {
      throw CheckpointErrors.invalidOption("dtype", dtype, "F32 or BF16");
    }
    if (maxShardBytes <= 0) {
      throw CheckpointErrors.invalidOption("maxShardBytes", maxShardBytes,
          "a positive number of bytes");
    }
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** F32, 5 GB shards, Hugging Face's metadata. */
  public static WriteOptions defaults() {
    return new WriteOptions(DType.F32, DEFAULT_MAX_SHARD_BYTES, HUGGING_FACE_METADATA);
  }

  public WriteOptions withDtype(DType other) {
    return new WriteOptions(other, maxShardBytes, metadata);
  }

  public WriteOptions withMaxShardBytes(long other) {
    return new WriteOptions(dtype, other, metadata);
  }
}
