package org.gqaspark.data;

import java.io.Serializable;

/**
 * The unit of reading work: one file of a JSONL or TSV dataset, or one source and target file
 * pair of a text-pair dataset. One Spark task reads one of these from start to end.
 *
 * @param targetFile the target file of a text pair, else null
 */
public record ReadTask(DatasetSpec dataset, InputFile file, InputFile targetFile)
    implements Serializable {}
