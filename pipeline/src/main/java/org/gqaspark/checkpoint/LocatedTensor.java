package org.gqaspark.checkpoint;

/**
 * A tensor of a possibly sharded checkpoint and the file that stores it.
 *
 * @param file file name inside the checkpoint directory
 * @param entry the tensor as the file's header describes it
 */
public record LocatedTensor(String file, TensorEntry entry) {}
