package org.gqaspark.jobs;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses sizes such as {@code 5GB}, {@code 500MB}, {@code 2GiB} or a plain number of bytes.
 * KB, MB and GB are decimal and KiB, MiB and GiB binary, as Hugging Face's
 * {@code max_shard_size} counts them.
 */
public final class ByteSizeConverter implements ITypeConverter<Long> {

  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)?");

  @Override
  public Long convert(String value) {
    Matcher match = SIZE.matcher(value.strip().toUpperCase(Locale.ROOT));
    if (!match.matches()) {
      throw new TypeConversionException("Invalid size '" + value + "': use a number of bytes"
          + " or a number with a unit, for example 5GB, 500MB or 2GiB.");
    }
    String unit = match.group(2) == null ? "B" : match.group(2);
    double multiplier = switch (unit) {
      case "KB" -> 1e3;
      case "MB" -> 1e6;
      case "GB" -> 1e9;
      case "TB" -> 1e12;
      case "KIB" -> 1L << 10;
      case "MIB" -> 1L << 20;
      case "GIB" -> 1L << 30;
      case "TIB" -> 1L << 40;
      default -> 1;
    };
    double bytes = Double.parseDouble(match.group(1)) * multiplier;
    if (bytes < 1 || bytes > Long.MAX_VALUE) {
      throw new TypeConversionException("Invalid size '" + value + "': must be between 1 byte"
          + " and " + Long.MAX_VALUE + " bytes.");
    }
    return (long) bytes;
  }
}
