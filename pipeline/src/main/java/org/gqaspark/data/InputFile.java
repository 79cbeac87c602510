package org.gqaspark.data;

import java.io.Serializable;

/**
 * A corpus file found by listing a dataset's paths.
 *
 * @param path the fully qualified path or URI, as the reader opens it and the tables record it
 * @param relativeName the path relative to the folder of the dataset's files (for a single
 *     file, its name), which derived example ids use so they do not change with the store
 * @param size the size in bytes as listed
 */
public record InputFile(String path, String relativeName, long size) implements Serializable {}
