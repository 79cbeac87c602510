package org.gqaspark.metrics;

/**
 * Reproducibility signatures in sacreBLEU 2.6.0's format: {@code key:value} pairs joined by
 * "|", with the number of references first, the bootstrap settings next when an interval was
 * estimated, then the metric's own fields, and the version last.
 *
 * <p>Differences from sacreBLEU: {@code version} names this product ("gqa-" and its version)
 * where sacreBLEU names its own, and ROUGE signatures, which rouge-score does not define, use
 * the same layout with their own fields. The {@code seed} field is the bootstrap seed, as
 * sacreBLEU's {@code SACREBLEU_SEED} (see {@link Bootstrap}).
 */
final class Signatures {

  private Signatures() {}

  /**
   * Returns the signature string.
   *
   * @param references the reference counts of the scored segments
   * @param bootstrap the resampling settings, or null without an interval
   * @param fields the metric's own fields, alternating key and value
   */
  static String build(ReferenceCount references, Bootstrap bootstrap, String... fields) {
    StringBuilder signature = new StringBuilder("nrefs:").append(references.signatureValue());
    if (bootstrap != null) {
      signature.append("|bs:").append(bootstrap.samples()).append("|seed:")
          .append(bootstrap.seed());
    }
    for (int i = 0; i < fields.length; i += 2) {
      signature.append('|').append(fields[i]).append(':').append(fields[i + 1]);
    }
    return signature.append("|version:").append(ProductVersion.signatureValue()).toString();
  }

  /** Returns "yes" or "no", as sacreBLEU writes booleans. */
  static String yesNo(boolean value) {
    return value ? "yes" : "no";
  }
}
