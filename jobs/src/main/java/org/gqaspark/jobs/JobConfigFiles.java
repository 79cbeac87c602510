package org.gqaspark.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Path;
import java.util.Map;

/** Reads the HOCON file of a job. */
final class JobConfigFiles {

  private JobConfigFiles() {}

  /** Reads and resolves a job file with Java system properties as the only overrides. */
  static Config load(Path file) {
    return load(file, Map.of());
  }

  /**
   * Reads and resolves a job file. The command line's {@code -Dkey=value} options override
   * its keys, and Java system properties override the keys that those leave, so {@code
   * -Dtokenize.partitions=64} changes one setting without editing the file. {@code
   * ${?ENV_VAR}} substitutions read the environment.
   *
   * @param overrides values by dotted key path, as given after {@code -D}
   * @throws IllegalArgumentException naming the file when it is missing or invalid HOCON
   */
  static Config load(Path file, Map<String, String> overrides) {
    try {
      Config parsed = ConfigFactory.parseFile(file.toFile(),
          ConfigParseOptions.defaults().setAllowMissing(false));
      return ConfigFactory.parseMap(overrides, "-D options on the command line")
          .withFallback(ConfigFactory.defaultOverrides()).withFallback(parsed).resolve();
    } catch (ConfigException e) {
      throw new IllegalArgumentException("Could not read the job file " + file + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Returns the named blocks of a job file as JSON for the runs table, without {@code
   * spark.s3}, which holds credentials.
   */
  static String runsText(Config config, String... blocks) {
    Config kept = ConfigFactory.empty();
    for (String block : blocks) {
      if (config.hasPath(block)) {
        kept = kept.withFallback(config.withOnlyPath(block));
      }
    }
    return kept.withoutPath("spark.s3").root().render(ConfigRenderOptions.concise());
  }
}
