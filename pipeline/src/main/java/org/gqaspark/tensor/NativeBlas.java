package org.gqaspark.tensor;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the system BLAS through netlib-java's JNI bridge ({@code dev.ludovic.netlib:blas},
 * the BLAS layer of Spark MLlib) once per JVM, and records whether it loaded, which library
 * it is and why it did not load.
 *
 * <p>The bridge opens {@code libblas.so.3} through the dynamic loader, so the library is the
 * one the system points that name to (on Debian, OpenBLAS once {@code libopenblas0} is
 * installed). The system property {@code dev.ludovic.netlib.blas.nativeLib} names another
 * library, and {@code dev.ludovic.netlib.blas.nativeLibPath} gives an absolute path.
 */
public final class NativeBlas {

  private static final Logger LOG = LoggerFactory.getLogger(NativeBlas.class);

  /** The environment variable that sets the size of OpenBLAS's own thread pool. */
  public static final String THREADS_VARIABLE = "OPENBLAS_NUM_THREADS";

  /**
   * Outcome of loading the native BLAS.
   *
   * @param blas the loaded instance, or null when unavailable
   * @param library path of the shared library the loader mapped (its real file), or a short
   *     description when it cannot be found in {@code /proc/self/maps}
   * @param reason why it is unavailable, or empty when it loaded
   */
  public record Status(NativeBLAS blas, String library, String reason) {

    public boolean available() {
      return blas != null;
    }

    /** Short library name for backend names: "openblas", "mkl", "blis" or the file name. */
    public String shortName() {
      String lower = library.toLowerCase(java.util.Locale.ROOT);
      for (String known : List.of("openblas", "mkl", "blis", "atlas", "accelerate")) {
        if (lower.contains(known)) {
          return known;
        }
      }
      return Paths.get(library).getFileName().toString();
    }
  }

  private static volatile Status status;

  private NativeBlas() {}

  /**
   * Loads the native BLAS on the first call and returns the outcome. A library that fails to
   * load gives an unavailable status with the reason, not an exception.
   */
  public static Status status() {
    Status current = status;
    if (current == null) {
      synchronized (NativeBlas.class) {
        current = status;
        if (current == null) {
          current = load();
          status = current;
        }
      }
    }
    return current;
  }

  /** Returns the loaded BLAS, or throws with the reason when it did not load. */
  static NativeBLAS require() {
    Status current = status();
    if (!current.available()) {
      throw TensorErrors.backendUnavailable("native", current.reason());
    }
    return current.blas();
  }

  /** Value of {@value #THREADS_VARIABLE} in this process, or empty when unset. */
  public static Optional<String> threadsVariable() {
    return Optional.ofNullable(System.getenv(THREADS_VARIABLE));
  }

  private static Status load() {
    String requested = System.getProperty("dev.ludovic.netlib.blas.nativeLibPath",
        System.getProperty("dev.ludovic.netlib.blas.nativeLib", "libblas.so.3"));
    NativeBLAS blas;
    try {
      blas = NativeBLAS.getInstance();
    } catch (RuntimeException | LinkageError e) {
      String reason = "netlib-java could not load its JNI bridge or the system BLAS \""
          + requested + "\" (" + e.getMessage() + "). Install a system BLAS (on Debian:"
          + " apt-get install libopenblas0) or point -Ddev.ludovic.netlib.blas.nativeLib at"
          + " one.";
      LOG.info("Native BLAS unavailable: {}", reason);
      return new Status(null, requested, reason);
    }
    String library = mappedBlasLibrary().orElse(requested);
    LOG.info("Native BLAS loaded: {}", library);
    return new Status(blas, library, "");
  }

  /**
   * Finds the BLAS shared library the loader mapped into this process, resolved to its real
   * file (libblas.so.3 is usually a chain of links), by reading {@code /proc/self/maps}.
   * Empty on systems without that file or when no mapped library names BLAS.
   */
  static Optional<String> mappedBlasLibrary() {
    Path maps = Paths.get("/proc/self/maps");
    if (!Files.isReadable(maps)) {
      return Optional.empty();
    }
    try {
      // Prefer the implementation (libopenblas*.so) over the libblas.so.3 link to it.
      Optional<String> best = Optional.empty();
      for (String line : Files.readAllLines(maps)) {
        int slash = line.indexOf('/');
        if (slash < 0) {
          continue;
        }
        String path = line.substring(slash).trim();
        String file = Paths.get(path).getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!file.contains("blas") || file.contains("netlibblasjni") || !file.contains(".so")) {
          continue;
        }
        String real = Paths.get(path).toRealPath().toString();
        if (best.isEmpty() || !file.startsWith("libblas")) {
          best = Optional.of(real);
        }
      }
      return best;
    } catch (IOException e) {
      LOG.debug("Could not read {} to name the BLAS library", maps, e);
      return Optional.empty();
    }
  }
}
