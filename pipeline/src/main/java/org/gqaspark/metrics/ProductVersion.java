package org.gqaspark.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The product version that signatures carry in the field where sacreBLEU puts its own version. */
public final class ProductVersion {

  private static final String RESOURCE = "version.properties";
  private static final String VERSION = load();

  private ProductVersion() {}

  /** Returns the signature value, "gqa-" and the Maven project version, e.g. "gqa-0.1.0". */
  public static String signatureValue() {
    return "gqa-" + VERSION;
  }

  private static String load() {
    try (InputStream in = ProductVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Resource " + RESOURCE + " is missing next to "
            + ProductVersion.class.getName() + ": rebuild the pipeline module with Maven.");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + RESOURCE, e);
    }
  }
}
