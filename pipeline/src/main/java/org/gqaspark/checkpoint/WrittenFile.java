package org.gqaspark.checkpoint;

/**
 * A file of a checkpoint directory as it was written: the record a completion marker keeps
 * so that a reader can tell a whole file from a truncated one.
 *
 * @param name file name inside the checkpoint directory
 * @param bytes length in bytes
 * @param crc32c CRC-32C of the content, 8 lowercase hex digits
 */
public record WrittenFile(String name, long bytes, String crc32c) {}
