package org.gqaspark.data;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.gqaspark.tokenizer.SentencePieceTokenizer;

/** Loads SentencePiece vocabularies from any Hadoop file system: local paths and s3a URIs. */
public final class VocabularyFiles {

  private VocabularyFiles() {}

  /**
   * Loads a {@code spiece.model} file, with T5's 100 sentinel ids added.
   *
   * @param addDummyPrefix sets the model's {@code add_dummy_prefix} flag, or null keeps the
   *     file's value. T5 was trained with the flag on, but copies of its vocabulary saved by
   *     Hugging Face's T5Tokenizer have it off, so T5 jobs set it to true.
   * @throws IOException when the file cannot be read or is not a SentencePiece model
   */
  public static SentencePieceTokenizer load(String location, Boolean addDummyPrefix,
      Configuration hadoop) throws IOException {
    Path path = new Path(location);
    SentencePieceTokenizer tokenizer;
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      tokenizer = SentencePieceTokenizer.load(in, location);
    }
    return addDummyPrefix == null ? tokenizer : tokenizer.withAddDummyPrefix(addDummyPrefix);
  }
}
