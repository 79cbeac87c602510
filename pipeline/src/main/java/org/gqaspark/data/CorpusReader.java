package org.gqaspark.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Reads the files of one {@link ReadTask} as a stream of {@link ReadItem}s: one record or
 * reject per line (per line pair for text pairs), then one {@link ReadItem.InputCount}.
 *
 * <p>How the work is split: one Spark task reads a whole file (or file pair) from its first
 * byte to its last. Line numbers are then exact without a second pass, and gzip (which cannot
 * be split) needs no special case. A pair's two files are read in lockstep. Every byte is seen
 * by exactly one task, so nothing is lost at split boundaries. The price is that a
 * single huge uncompressed file is read by one task; corpora on S3 are normally sharded
 * into many files, and the tokenize job repartitions the records after reading, so the
 * expensive step (tokenizing) still runs on every core.
 */
public final class CorpusReader {

  private CorpusReader() {}

  /** Returns a lazy iterator over the task's items; it closes its files when exhausted. */
  public static Iterator<ReadItem> read(ReadTask task, Configuration hadoop, ReadLimits limits) {
    ItemIterator items = task.targetFile() == null
        ? new SingleFileItems(task, hadoop, limits)
        : new PairFileItems(task, hadoop, limits);
    TaskContext context = TaskContext.get();
    if (context != null) {
      // A failed or cancelled task stops iterating early; close the files then too.
      context.addTaskCompletionListener((TaskCompletionListener) done -> items.close());
    }
    return items;
  }

  /** An iterator that computes one item ahead and closes its files at the end. */
  private abstract static class ItemIterator implements Iterator<ReadItem>, Closeable {
    private ReadItem next;
    private boolean finished;

    /** Returns the next item, or null after the last. */
    abstract ReadItem advance();

    /** Closes the files; safe to call more than once. */
    @Override
    public abstract void close();

    @Override
    public final boolean hasNext() {
      if (next == null && !finished) {
        next = advance();
        if (next == null) {
          finished = true;
          close();
        }
      }
      return next != null;
    }

    @Override
    public final ReadItem next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ReadItem item = next;
      next = null;
      return item;
    }
  }

  /** A JSONL or TSV file: every line becomes a record or a reject. */
  private static final class SingleFileItems extends ItemIterator {
    private final FileContext context;
    private final LineSource lines;
    private final JsonlLineParser jsonl;
    private final TsvLineParser tsv;
    private boolean counted;

    SingleFileItems(ReadTask task, Configuration hadoop, ReadLimits limits) {
      this.context = new FileContext(task.dataset(), task.file(), limits.excerptChars());
      this.lines = new LineSource(task.file().path(), hadoop, limits);
      CorpusSource source = task.dataset().source();
      this.jsonl = source instanceof CorpusSource.Jsonl j ? new JsonlLineParser(context, j) : null;
      this.tsv = source instanceof CorpusSource.Tsv t ? new TsvLineParser(context, t) : null;
    }

    @Override
    ReadItem advance() {
      LineSource.Decoded line = lines.next();
      if (line == null) {
        if (counted) {
          return null;
        }
        counted = true;
        DatasetSpec dataset = context.dataset();
        return new ReadItem.InputCount(dataset.name(), dataset.split(), context.file().path(),
            null, lines.linesRead());
      }
      if (line.problem() != null) {
        return context.reject(line.number(), line.problem(), line.message(), line.text());
      }
      return jsonl != null ? jsonl.parse(line.number(), line.text())
          : tsv.parse(line.number(), line.text());
    }

    @Override
    public void close() {
      lines.close();
    }
  }

  /**
   * A text pair: line N of the source file and line N of the target file become one record.
   * Lines beyond the end of the shorter file are rejected with {@link
   * RejectReason#MISALIGNED_PAIR}, each naming both files and both line counts.
   */
  private static final class PairFileItems extends ItemIterator {
    private final FileContext context;
    private final ReadTask task;
    private final Configuration hadoop;
    private final ReadLimits limits;
    private final LineSource sources;
    private final LineSource targets;
    // After the shorter file ends: the longer file, and both files' line counts.
    private LineSource extra;
    private String misalignment;
    private boolean counted;

    PairFileItems(ReadTask task, Configuration hadoop, ReadLimits limits) {
      this.task = task;
      this.hadoop = hadoop;
      this.limits = limits;
      this.context = new FileContext(task.dataset(), task.file(), limits.excerptChars());
      this.sources = new LineSource(task.file().path(), hadoop, limits);
      this.targets = new LineSource(task.targetFile().path(), hadoop, limits);
    }

    @Override
    ReadItem advance() {
      if (extra != null) {
        return nextExtra();
      }
      LineSource.Decoded source = sources.next();
      LineSource.Decoded target = targets.next();
      if (source != null && target != null) {
        return pair(source, target);
      }
      if (source == null && target == null) {
        return count();
      }
      startExtra(source != null ? sources : targets);
      return reject(source != null ? source : target);
    }

    private ReadItem pair(LineSource.Decoded source, LineSource.Decoded target) {
      long line = source.number();
      if (source.problem() != null) {
        return reject(task.file().path(), source, source.problem(), source.message());
      }
      if (target.problem() != null) {
        return reject(task.targetFile().path(), target, target.problem(), target.message());
      }
      if (Texts.isBlank(source.text())) {
        return reject(task.file().path(), source, RejectReason.EMPTY_TEXT,
            "source line is " + (source.text().isEmpty() ? "empty" : "whitespace only"));
      }
      if (Texts.isBlank(target.text())) {
        return reject(task.targetFile().path(), target, RejectReason.EMPTY_TEXT,
            "target line is " + (target.text().isEmpty() ? "empty" : "whitespace only"));
      }
      return context.record(context.derivedId(line), task.targetFile().path(), line,
          source.text(), target.text());
    }

    private void startExtra(LineSource longer) {
      LineSource shorter = longer == sources ? targets : sources;
      long shorterLines = shorter.linesRead();
      // The longer file's total is needed in every message, so count it in a second pass.
      long longerLines = countLines(longer.file());
      misalignment = ": " + shorter.file() + " has " + shorterLines + " lines, " + longer.file()
          + " has " + longerLines + " lines";
      extra = longer;
    }

    private ReadItem nextExtra() {
      LineSource.Decoded line = extra.next();
      return line == null ? count() : reject(line);
    }

    private ReadItem reject(LineSource.Decoded line) {
      return reject(extra.file(), line, RejectReason.MISALIGNED_PAIR,
          "line " + line.number() + " has no partner line" + misalignment);
    }

    private ReadItem reject(String file, LineSource.Decoded line, RejectReason reason,
        String message) {
      return context.rejectIn(file, line.number(), reason, message, line.text());
    }

    private ReadItem count() {
      if (counted) {
        return null;
      }
      counted = true;
      DatasetSpec dataset = task.dataset();
      return new ReadItem.InputCount(dataset.name(), dataset.split(), task.file().path(),
          task.targetFile().path(), Math.max(sources.linesRead(), targets.linesRead()));
    }

    private long countLines(String file) {
      try (LineSource counter = new LineSource(file, hadoop, new ReadLimits(1, 0))) {
        while (counter.nextRaw() != null) {
          // Only the count is needed.
        }
        return counter.linesRead();
      }
    }

    @Override
    public void close() {
      sources.close();
      targets.close();
    }
  }

  /** Lines of one file, decoded strictly, with the line's problem when it has one. */
  static final class LineSource implements Closeable {

    /**
     * A decoded line: text, or a problem (invalid UTF-8, too long) with a message and the
     * line decoded leniently for the excerpt.
     */
    record Decoded(long number, String text, RejectReason problem, String message) {}

    private final String file;
    private final Configuration hadoop;
    private final ReadLimits limits;
    private final Utf8 utf8 = new Utf8();
    private LineReader reader;
    private boolean closed;

    LineSource(String file, Configuration hadoop, ReadLimits limits) {
      this.file = file;
      this.hadoop = hadoop;
      this.limits = limits;
    }

    String file() {
      return file;
    }

    long linesRead() {
      return reader == null ? 0 : reader.linesRead();
    }

    /** Returns the next line decoded, or null at the end of the file. */
    Decoded next() {
      LineReader.Line line = nextRaw();
      if (line == null) {
        return null;
      }
      if (line.tooLong()) {
        // Only the excerpt needs text: a UTF-8 character has at most 4 bytes.
        int excerptBytes = (int) Math.min(line.length(), 4L * limits.excerptChars() + 4);
        return new Decoded(line.number(), Utf8.decodeLenient(line.bytes(), excerptBytes),
            RejectReason.LINE_TOO_LONG, "the line has " + line.size() + " bytes but"
                + " max-line-bytes is " + limits.maxLineBytes());
      }
      Utf8.Decoded decoded = utf8.decode(line.bytes(), line.length());
      if (!decoded.valid()) {
        int offset = decoded.invalidOffset();
        return new Decoded(line.number(), Utf8.decodeLenient(line.bytes(), line.length()),
            RejectReason.INVALID_UTF8, String.format("invalid UTF-8 at byte offset %d (byte"
                + " 0x%02X)", offset, line.bytes()[offset] & 0xFF));
      }
      return new Decoded(line.number(), decoded.text(), null, null);
    }

    LineReader.Line nextRaw() {
      if (closed) {
        return null;
      }
      try {
        if (reader == null) {
          reader = new LineReader(CorpusFiles.open(file, hadoop), limits.maxLineBytes());
        }
        return reader.next();
      } catch (IOException e) {
        long lines = linesRead();
        close();
        throw DataErrors.readFailed(file, lines, e);
      }
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (reader != null) {
        try {
          reader.close();
        } catch (IOException e) {
          throw new UncheckedIOException("Could not close " + file, e);
        }
      }
    }
  }
}
