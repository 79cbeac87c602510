package org.gqaspark.evaluation;

import java.util.List;
import java.util.Locale;
import org.gqaspark.evaluation.DecodeBenchmark.Cell;

/** Formats decode benchmark cells as a text table with ratios to multi-head attention. */
public final class DecodeBenchmarkTable {

  private DecodeBenchmarkTable() {}

  /** Returns the multi-head cell of the same source length and batch size, or null. */
  public static Cell baseline(List<Cell> cells, Cell cell) {
    for (Cell candidate : cells) {
      if (candidate.model().multiHead() && candidate.batch() == cell.batch()
          && candidate.sourceLength() == cell.sourceLength()) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * Returns the table: a header naming the machine and the backend (with its threads), then
   * one line per cell. A line has seconds per sample (encoder, decoder, total), decoder tokens per second
   * and each time's ratio to the multi-head cell of the same source length and batch size.
   */
  public static String format(List<Cell> cells, String machine, String backend, int steps,
      int repetitions) {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "Decoding time per sample on %s; %s; %d tokens per"
        + " sequence, median of %d generations%n", machine, backend, steps, repetitions));
    text.append("Seconds per sample; ratio = value / the multi-head value of the same source"
        + " length and batch size.\n");
    text.append(String.format(Locale.ROOT, "%-14s %8s %6s %7s %10s %10s %10s %9s %8s %8s %8s%n",
        "model", "kv_heads", "batch", "src_len", "encoder_s", "decoder_s", "total_s",
        "dec_tok/s", "enc_x", "dec_x", "total_x"));
    for (Cell cell : cells) {
      Cell base = baseline(cells, cell);
      text.append(String.format(Locale.ROOT,
          "%-14s %8d %6d %7d %10.4f %10.4f %10.4f %9.1f %8s %8s %8s%n",
          cell.model().label(), cell.model().keyValueHeads(), cell.batch(),
          cell.sourceLength(), cell.encoderSecondsPerSample(), cell.decoderSecondsPerSample(),
          cell.totalSecondsPerSample(), cell.decoderTokensPerSecond(),
          ratio(cell.encoderSecondsPerSample(),
              base == null ? Double.NaN : base.encoderSecondsPerSample()),
          ratio(cell.decoderSecondsPerSample(),
              base == null ? Double.NaN : base.decoderSecondsPerSample()),
          ratio(cell.totalSecondsPerSample(),
              base == null ? Double.NaN : base.totalSecondsPerSample())));
    }
    return text.toString();
  }

  private static String ratio(double value, double baseline) {
    return Double.isNaN(baseline) ? "-" : String.format(Locale.ROOT, "%.2f", value / baseline);
  }
}
