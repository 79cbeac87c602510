package org.gqaspark.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number formatting as Python's {@code f"{x:.Nf}"}, which sacreBLEU uses for reports. */
public final class PythonFormat {

  private PythonFormat() {}

  /**
   * Formats with {@code digits} decimals, rounding the exact binary value half to even as
   * Python does ({@code String.format} rounds half up, so 0.125 would become "0.13", not
   * Python's "0.12").
   */
  public static String fixed(double value, int digits) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    // NOTE: BigDecimal has no negative zero, so -0.01 formats as "0.0" where Python writes
    // "-0.0"; metric values are never negative.
    return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** Returns {@code float(f"{value:.{digits}f}")}: the value rounded as {@link #fixed}. */
  public static double rounded(double value, int digits) {
    return Double.parseDouble(fixed(value, digits));
  }
}
