package org.gqaspark.data;

import static org.gqaspark.data.TestBytes.concat;
import static org.gqaspark.data.TestBytes.gzip;
import static org.gqaspark.data.TestBytes.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusReaderTest {

  private static final ReadLimits LIMITS = new ReadLimits(1000, 40);
  private static final TokenLimits TOKENS = new TokenLimits(512, 128, OverLengthPolicy.REJECT);

  @TempDir
  Path folder;

  private InputFile write(String name, byte[] bytes) throws IOException {
    Path file = folder.resolve(name);
    Files.write(file, bytes);
    return new InputFile(file.toUri().toString(), name, bytes.length);
  }

  private static List<ReadItem> read(DatasetSpec dataset, InputFile file, InputFile target) {
    List<ReadItem> items = new ArrayList<>();
    Iterator<ReadItem> iterator = CorpusReader.read(new ReadTask(dataset, file, target),
        new Configuration(), LIMITS);
    iterator.forEachRemaining(items::add);
    return items;
  }

  private static DatasetSpec jsonl(String idField) {
    return new DatasetSpec("news", "test", "summarize: ", TOKENS, new CorpusSource.Jsonl(
        List.of("unused"), FieldPath.parse("article"), FieldPath.parse("highlights"),
        idField == null ? null : FieldPath.parse(idField), " ", "\n"));
  }

  /** Returns "line:REASON" for rejects, "line:id" for records and "count:N" for counts. */
  private static List<String> outline(List<ReadItem> items) {
    List<String> outline = new ArrayList<>();
    for (ReadItem item : items) {
      if (item instanceof ReadItem.Record r) {
        outline.add(r.line() + ":" + r.exampleId());
      } else if (item instanceof ReadItem.Rejected r) {
        outline.add(r.line() + ":" + r.reason());
      } else {
        outline.add("count:" + ((ReadItem.InputCount) item).records());
      }
    }
    return outline;
  }

  private static ReadItem.Rejected rejectAt(List<ReadItem> items, long line) {
    return items.stream()
        .filter(i -> i instanceof ReadItem.Rejected r && r.line() == line)
        .map(i -> (ReadItem.Rejected) i)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void jsonlEveryRejectReason() throws IOException {
    byte[] bytes = concat(
        utf8("{\"article\": \"A cat sat.\", \"highlights\": \"Cat.\"}\n"),
        utf8("{\"article\": \"broken\", \n"),
        utf8("{\"highlights\": \"No article.\"}\n"),
        utf8("{\"article\": \"   \", \"highlights\": \"Blank article.\"}\n"),
        utf8("{\"article\": 42, \"highlights\": \"Number.\"}\n"),
        utf8("{\"article\": \"caf"), new byte[] {(byte) 0xC3, (byte) 0x28},
        utf8("\", \"highlights\": \"x\"}\n"),
        utf8("\n"),
        utf8("[1, 2]\n"),
        utf8("{\"article\": \"a\", \"highlights\": \"b\"} {\"article\": \"c\"}\n"),
        utf8("{\"article\": \"a\", \"article\": \"b\", \"highlights\": \"c\"}\n"),
        utf8("{\"article\": \"" + "y".repeat(1200) + "\", \"highlights\": \"long\"}\n"),
        utf8("{\"article\": [\"One.\", \"Two.\"], \"highlights\": [\"H1\", 3]}\n"),
        utf8("{\"article\": [\"One.\", \"Two.\"], \"highlights\": null}\n"),
        utf8("{\"article\": [\"One.\", \"Two.\"], \"highlights\": [\"H1\", \"H2\"]}"));
    InputFile file = write("news.jsonl", bytes);

    List<ReadItem> items = read(jsonl(null), file, null);

    assertEquals(List.of(
        "1:news.jsonl:1",
        "2:MALFORMED_JSON",
        "3:MISSING_FIELD",
        "4:EMPTY_TEXT",
        "5:WRONG_FIELD_TYPE",
        "6:INVALID_UTF8",
        "7:EMPTY_TEXT",
        "8:MALFORMED_JSON",
        "9:MALFORMED_JSON",
        "10:MALFORMED_JSON",
        "11:LINE_TOO_LONG",
        "12:WRONG_FIELD_TYPE",
        "13:MISSING_FIELD",
        "14:news.jsonl:14",
        "count:14"), outline(items));
  }

  @Test
  void jsonlMessagesNameTheProblem() throws IOException {
    byte[] bytes = concat(
        utf8("{\"highlights\": \"No article.\"}\n"),
        utf8("{\"article\": \"caf"), new byte[] {(byte) 0xC3, (byte) 0x28},
        utf8("\", \"highlights\": \"x\"}\n"),
        utf8("{\"article\": [\"a\"], \"highlights\": [\"H1\", 3]}\n"),
        utf8("{\"article\": \"" + "y".repeat(1200) + "\", \"highlights\": \"long\"}\n"),
        utf8("[1]\n"));
    InputFile file = write("news.jsonl", bytes);

    List<ReadItem> items = read(jsonl(null), file, null);

    assertEquals("field \"article\" is missing", rejectAt(items, 1).message());
    assertEquals("invalid UTF-8 at byte offset 16 (byte 0xC3)", rejectAt(items, 2).message());
    assertEquals("{\"article\": \"caf\uFFFD(\", \"highlights\": \"x\"}", rejectAt(items, 2)
        .excerpt());
    assertEquals("field \"highlights\" element 1 is a number, not a string",
        rejectAt(items, 3).message());
    assertEquals("the line has 1237 bytes but max-line-bytes is 1000",
        rejectAt(items, 4).message());
    assertEquals(41, rejectAt(items, 4).excerpt().length());
    assertEquals("the line is a JSON array, not an object", rejectAt(items, 5).message());
  }

  @Test
  void jsonlListsJoined() throws IOException {
    InputFile file = write("a.jsonl", utf8(
        "{\"article\": [\"One.\", \"Two.\"], \"highlights\": [\"H1\", \"H2\"]}\n"));

    ReadItem.Record record = (ReadItem.Record) read(jsonl(null), file, null).get(0);

    assertEquals("One. Two.", record.source());
    assertEquals("H1\nH2", record.target());
    assertEquals(file.path(), record.file());
  }

  @Test
  void jsonlNestedAndOwnIds() throws IOException {
    DatasetSpec dataset = new DatasetSpec("papers", "dev", "", TOKENS, new CorpusSource.Jsonl(
        List.of("unused"), FieldPath.parse("body.text"), FieldPath.parse("tldr"),
        FieldPath.parse("meta.id"), " ", " "));
    InputFile file = write("p.jsonl", utf8(
        "{\"meta\": {\"id\": \"p-1\"}, \"body\": {\"text\": \"Abstract.\"}, \"tldr\": \"T.\"}\n"
            + "{\"meta\": {\"id\": 7}, \"body\": {\"text\": \"Abstract.\"}, \"tldr\": \"T.\"}\n"
            + "{\"meta\": {\"id\": 1.5}, \"body\": {\"text\": \"Abstract.\"}, \"tldr\": \"T.\"}\n"
            + "{\"meta\": {}, \"body\": {\"text\": \"Abstract.\"}, \"tldr\": \"T.\"}\n"
            + "{\"meta\": {\"id\": \"p-5\"}, \"body\": \"flat\", \"tldr\": \"T.\"}\n"));

    List<ReadItem> items = read(dataset, file, null);

    assertEquals(List.of("1:p-1", "2:7", "3:WRONG_FIELD_TYPE", "4:MISSING_FIELD",
        "5:MISSING_FIELD", "count:5"), outline(items));
    assertEquals("Abstract.", ((ReadItem.Record) items.get(0)).source());
  }

  @Test
  void jsonlListIndex() throws IOException {
    DatasetSpec dataset = new DatasetSpec("scitldr", "dev", "", TOKENS, new CorpusSource.Jsonl(
        List.of("unused"), FieldPath.parse("source"), FieldPath.parse("target.1"), null, " ",
        " "));
    InputFile file = write("s.jsonl", utf8(
        "{\"source\": [\"S1.\", \"S2.\"], \"target\": [\"T0\", \"T1\"]}\n"
            + "{\"source\": [\"S1.\"], \"target\": [\"T0\"]}\n"));

    List<ReadItem> items = read(dataset, file, null);

    assertEquals("T1", ((ReadItem.Record) items.get(0)).target());
    assertEquals("field \"target.1\" is missing", rejectAt(items, 2).message());
  }

  @Test
  void gzipJsonlRead() throws IOException {
    InputFile file = write("news.jsonl.gz", gzip(utf8(
        "{\"article\": \"a\", \"highlights\": \"b\"}\n"
            + "{\"article\": \"\", \"highlights\": \"b\"}\n")));

    assertEquals(List.of("1:news.jsonl.gz:1", "2:EMPTY_TEXT", "count:2"),
        outline(read(jsonl(null), file, null)));
  }

  @Test
  void truncatedGzipFailsWithFileAndLine() throws IOException {
    byte[] full = gzip(utf8("{\"article\": \"a\", \"highlights\": \"b\"}\n".repeat(2000)));
    InputFile file = write("cut.jsonl.gz", java.util.Arrays.copyOf(full, full.length / 2));

    var e = assertThrows(DataErrors.CorpusReadException.class,
        () -> read(jsonl(null), file, null));

    assertTrue(e.getMessage().startsWith("Could not read " + file.path() + " after line "),
        e.getMessage());
  }

  @Test
  void pairMisalignedExtraLinesRejected() throws IOException {
    DatasetSpec dataset = new DatasetSpec("tatoeba", "test", "translate English to German: ",
        TOKENS, new CorpusSource.TextPair(List.of("unused"), List.of("unused")));
    InputFile english = write("pair.en",
        utf8("Hello.\nGood night.\n\nThanks.\nOne more.\nTwo more."));
    InputFile german = write("pair.de.gz", gzip(utf8("Hallo.\nGute Nacht.\nLeer.\n")));

    List<ReadItem> items = read(dataset, english, german);

    assertEquals(List.of("1:pair.en:1", "2:pair.en:2", "3:EMPTY_TEXT", "4:MISALIGNED_PAIR",
        "5:MISALIGNED_PAIR", "6:MISALIGNED_PAIR", "count:6"), outline(items));
    ReadItem.Rejected extra = rejectAt(items, 4);
    assertEquals(english.path(), extra.file());
    assertEquals("line 4 has no partner line: " + german.path() + " has 3 lines, "
        + english.path() + " has 6 lines", extra.message());
    assertEquals("Thanks.", extra.excerpt());
    ReadItem.Record first = (ReadItem.Record) items.get(0);
    assertEquals("Hello.", first.source());
    assertEquals("Hallo.", first.target());
    assertEquals(german.path(), first.targetFile());
  }

  @Test
  void pairLongerTargetRejected() throws IOException {
    DatasetSpec dataset = new DatasetSpec("t", "test", "", TOKENS,
        new CorpusSource.TextPair(List.of("unused"), List.of("unused")));
    InputFile english = write("e.txt", utf8("Hello.\n"));
    InputFile german = write("g.txt", concat(utf8("Hallo.\n"), new byte[] {(byte) 0xFF},
        utf8("\n")));

    List<ReadItem> items = read(dataset, english, german);

    assertEquals(List.of("1:e.txt:1", "2:MISALIGNED_PAIR", "count:2"), outline(items));
    assertEquals(german.path(), rejectAt(items, 2).file());
    assertEquals("\uFFFD", rejectAt(items, 2).excerpt());
  }

  @Test
  void pairInvalidTargetNamesTargetFile() throws IOException {
    DatasetSpec dataset = new DatasetSpec("t", "test", "", TOKENS,
        new CorpusSource.TextPair(List.of("unused"), List.of("unused")));
    InputFile english = write("e.txt", utf8("Hello.\n"));
    InputFile german = write("g.txt", concat(utf8("Hall"), new byte[] {(byte) 0xF0}, utf8("\n")));

    ReadItem.Rejected reject = rejectAt(read(dataset, english, german), 1);

    assertEquals(RejectReason.INVALID_UTF8, reject.reason());
    assertEquals(german.path(), reject.file());
  }

  @Test
  void tsvColumns() throws IOException {
    DatasetSpec dataset = new DatasetSpec("ding", "train", "translate German to English: ",
        TOKENS, new CorpusSource.Tsv(List.of("unused"), 1, 0, -1));
    InputFile file = write("ding.tsv", utf8(
        "Guten Morgen.\tGood morning.\nNur eine Spalte\n\tNo German.\nA\tB\tC\n"));

    List<ReadItem> items = read(dataset, file, null);

    assertEquals(List.of("1:ding.tsv:1", "2:MISSING_FIELD", "3:EMPTY_TEXT", "4:ding.tsv:4",
        "count:4"), outline(items));
    ReadItem.Record first = (ReadItem.Record) items.get(0);
    assertEquals("Good morning.", first.source());
    assertEquals("Guten Morgen.", first.target());
    assertEquals("the line has 1 column but column 1 (0-based) is configured",
        rejectAt(items, 2).message());
    assertEquals("target column 0 is empty", rejectAt(items, 3).message());
  }

  @Test
  void excerptCutAtCodePoints() {
    String emoji = "\uD83D\uDE00";

    assertEquals(emoji.repeat(2) + "\u2026", Texts.excerpt(emoji.repeat(5), 2));
  }

  @Test
  void noBreakSpaceIsBlank() {
    assertTrue(Texts.isBlank("\u00A0 \t\u3000"));
  }
}
