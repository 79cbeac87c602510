package org.gqaspark.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locations that tests read: the repository root (for the shipped corpora in {@code data/})
 * and the shared data folder beside the checkout, which holds corpora that may not ship.
 */
public final class RepoPaths {

  /** System property, or environment variable {@code GQA_SHARED_DIR}, naming the shared folder. */
  public static final String SHARED_DIR_PROPERTY = "gqa.shared.dir";

  private RepoPaths() {}

  /** Returns the repository root: the nearest folder above the working directory that has {@code .ci/run}. */
  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve(".ci/run"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("Repository root not found above "
        + Path.of("").toAbsolutePath() + ": run the tests from inside the checkout.");
  }

  /** Returns a file or folder under the repository's {@code data/} folder, which always ships. */
  public static Path shippedData(String relative) {
    Path path = root().resolve("data").resolve(relative);
    if (!Files.exists(path)) {
      throw new IllegalStateException("Shipped data file missing: " + path);
    }
    return path;
  }

  /**
   * Returns a path inside the shared data folder, or skips the calling test with a message
   * that names the path when the folder or the file is absent (a clone without it).
   */
  public static Path sharedOrSkip(String relative) {
    String configured = System.getProperty(SHARED_DIR_PROPERTY, System.getenv("GQA_SHARED_DIR"));
    Path shared = configured != null ? Path.of(configured) : root().resolveSibling("shared");
    Path path = shared.resolve(relative);
    assumeTrue(Files.exists(path), () -> "Skipped: " + path + " is absent. Point -D"
        + SHARED_DIR_PROPERTY + " or GQA_SHARED_DIR at the shared data folder to run this test.");
    return path;
  }
}
