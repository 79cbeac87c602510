package org.gqaspark.model.compute;

/**
 * A copy of a linear layer's weight W [n, k] in the layout that {@link Compute#matmul(int,
 * float, Tensor, PackedWeight, Tensor)} reads fastest when x has few rows, as in decoding.
 * {@link Compute#packWeight} creates it; the layout is the backend's own.
 *
 * <p>A packed weight is a snapshot: later changes to W (an optimizer step) do not reach it.
 *
 * @param data the packed values
 * @param rows n, the output features (rows of W)
 * @param columns k, the input features (columns of W)
 */
public record PackedWeight(Tensor data, int rows, int columns) {}
