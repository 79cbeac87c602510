package org.gqaspark.data;

import static org.gqaspark.data.TestBytes.concat;
import static org.gqaspark.data.TestBytes.gzip;
import static org.gqaspark.data.TestBytes.utf8;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A small corpus with every kind of bad record, written through Hadoop's file system so the
 * same files can go to a local folder or to S3. Four dataset splits, 23 input records:
 *
 * <ul>
 *   <li>news/test, {@code news.jsonl}: 11 lines, ids from the "id" field, over-length
 *       rejected; good at lines 1, 7 and 11 (the last without a final newline);
 *   <li>news/train, {@code news.jsonl.gz}: 3 lines, derived ids, over-length truncated;
 *   <li>tatoeba/test, {@code en.txt} and {@code de.txt.gz}: 6 and 4 lines;
 *   <li>ding/train, {@code ding.tsv}: 3 lines, German in column 0, English in column 1.
 * </ul>
 */
final class MessyCorpus {

  static final String LONG_ARTICLE = "The committee met on Tuesday to discuss the budget for"
      + " the coming year, and after a long debate about schools, roads, hospitals, parks and"
      + " the public library, the members agreed to postpone the final vote until the next"
      + " meeting in the spring.";

  /** Input records per dataset split. */
  static final Map<String, Long> INPUT_RECORDS = Map.of(
      "news/test", 11L, "news/train", 3L, "tatoeba/test", 6L, "ding/train", 3L);

  /** Every reject, as DATASET/SPLIT|FILE NAME|LINE|REASON. */
  static final List<String> REJECTS = List.of(
      "ding/train|ding.tsv|2|MISSING_FIELD",
      "news/test|news.jsonl|10|WRONG_FIELD_TYPE",
      "news/test|news.jsonl|2|MALFORMED_JSON",
      "news/test|news.jsonl|3|MISSING_FIELD",
      "news/test|news.jsonl|4|EMPTY_TEXT",
      "news/test|news.jsonl|5|INVALID_UTF8",
      "news/test|news.jsonl|6|TOO_MANY_TOKENS",
      "news/test|news.jsonl|8|DUPLICATE_ID",
      "news/test|news.jsonl|9|EMPTY_TEXT",
      "news/train|news.jsonl.gz|3|EMPTY_TEXT",
      "tatoeba/test|en.txt|3|EMPTY_TEXT",
      "tatoeba/test|en.txt|5|MISALIGNED_PAIR",
      "tatoeba/test|en.txt|6|MISALIGNED_PAIR");

  /**
   * Every example as DATASET/SPLIT|EXAMPLE ID|FILE NAME|LINE|TASK PREFIX + SOURCE|TARGET, the
   * text that the ids must encode.
   */
  static final List<String> EXAMPLES = List.of(
      "ding/train|ding.tsv:1|ding.tsv|1|translate German to English: Guten Tag.|Good day.",
      "ding/train|ding.tsv:3|ding.tsv|3|translate German to English: Danke sch\u00F6n.|Thank"
          + " you.",
      "news/test|n1|news.jsonl|1|summarize: The cat sat on the mat.|Cat sits.",
      "news/test|n11|news.jsonl|11|summarize: Last line without a newline.|Last.",
      "news/test|n7|news.jsonl|7|summarize: First sentence. Second sentence.|One.\nTwo.",
      "news/train|news.jsonl.gz:1|news.jsonl.gz|1|summarize: A short article.|Short.",
      "news/train|news.jsonl.gz:2|news.jsonl.gz|2|summarize: " + LONG_ARTICLE + "|Vote"
          + " postponed.",
      "tatoeba/test|en.txt:1|en.txt|1|translate English to German: Hello.|Hallo.",
      "tatoeba/test|en.txt:2|en.txt|2|translate English to German: Good morning.|Guten"
          + " Morgen.",
      "tatoeba/test|en.txt:4|en.txt|4|translate English to German: Thank you.|Danke.");

  /** Maximum input tokens of news/test (rejects) and news/train (truncates). */
  static final int MAX_INPUT_TOKENS = 24;
  static final int MAX_TARGET_TOKENS = 16;

  private MessyCorpus() {}

  /** Writes the files under {@code root} (a local folder URI or an s3a URI). */
  static List<DatasetSpec> write(String root, Configuration hadoop) throws IOException {
    put(root + "/news/news.jsonl", concat(
        utf8("{\"id\": \"n1\", \"article\": \"The cat sat on the mat.\","
            + " \"highlights\": \"Cat sits.\"}\n"),
        utf8("{\"id\": \"n2\", \"article\": \"Broken JSON\",\n"),
        utf8("{\"id\": \"n3\", \"highlights\": \"No article here.\"}\n"),
        utf8("{\"id\": \"n4\", \"article\": \"  \\t \", \"highlights\": \"Blank article.\"}\n"),
        utf8("{\"id\": \"n5\", \"article\": \"caf"), new byte[] {(byte) 0xC3, (byte) 0x28},
        utf8("\", \"highlights\": \"Bad bytes.\"}\n"),
        utf8("{\"id\": \"n6\", \"article\": \"" + LONG_ARTICLE + "\","
            + " \"highlights\": \"Too long.\"}\n"),
        utf8("{\"id\": \"n7\", \"article\": [\"First sentence.\", \"Second sentence.\"],"
            + " \"highlights\": [\"One.\", \"Two.\"]}\n"),
        utf8("{\"id\": \"n1\", \"article\": \"Duplicate id.\", \"highlights\": \"Dup.\"}\n"),
        utf8("\n"),
        utf8("{\"id\": \"n10\", \"article\": {\"text\": \"object\"}, \"highlights\": \"x\"}\n"),
        utf8("{\"id\": \"n11\", \"article\": \"Last line without a newline.\","
            + " \"highlights\": \"Last.\"}")), hadoop);
    put(root + "/news/news.jsonl.gz", gzip(utf8(
        "{\"article\": \"A short article.\", \"highlights\": \"Short.\"}\n"
            + "{\"article\": \"" + LONG_ARTICLE + "\", \"highlights\": \"Vote postponed.\"}\n"
            + "{\"article\": \"\", \"highlights\": \"Empty article.\"}\n")), hadoop);
    put(root + "/tatoeba/en.txt", utf8(
        "Hello.\nGood morning.\n\nThank you.\nExtra one.\nExtra two.\n"), hadoop);
    put(root + "/tatoeba/de.txt.gz", gzip(utf8("Hallo.\nGuten Morgen.\nLeer.\nDanke.\n")),
        hadoop);
    put(root + "/ding/ding.tsv", utf8(
        "Guten Tag.\tGood day.\nnur eine Spalte\nDanke sch\u00F6n.\tThank you.\n"), hadoop);

    TokenLimits rejecting =
        new TokenLimits(MAX_INPUT_TOKENS, MAX_TARGET_TOKENS, OverLengthPolicy.REJECT);
    TokenLimits truncating =
        new TokenLimits(MAX_INPUT_TOKENS, MAX_TARGET_TOKENS, OverLengthPolicy.TRUNCATE);
    return List.of(
        new DatasetSpec("news", "test", "summarize: ", rejecting, new CorpusSource.Jsonl(
            List.of(root + "/news/news.jsonl"), FieldPath.parse("article"),
            FieldPath.parse("highlights"), FieldPath.parse("id"), " ", "\n")),
        new DatasetSpec("news", "train", "summarize: ", truncating, new CorpusSource.Jsonl(
            List.of(root + "/news/*.gz"), FieldPath.parse("article"),
            FieldPath.parse("highlights"), null, " ", "\n")),
        new DatasetSpec("tatoeba", "test", "translate English to German: ", rejecting,
            new CorpusSource.TextPair(List.of(root + "/tatoeba/en.txt"),
                List.of(root + "/tatoeba/de.txt.gz"))),
        new DatasetSpec("ding", "train", "translate German to English: ", rejecting,
            new CorpusSource.Tsv(List.of(root + "/ding"), 0, 1, -1)));
  }

  private static void put(String file, byte[] bytes, Configuration hadoop) throws IOException {
    Path path = new Path(file);
    FileSystem fs = path.getFileSystem(hadoop);
    try (OutputStream out = fs.create(path, true)) {
      out.write(bytes);
    }
  }
}
