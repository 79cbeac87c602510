package org.gqaspark.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Path;

/** Reads the HOCON file of a job. */
final class JobConfigFiles {

  private JobConfigFiles() {}

  /**
   * Reads and resolves a job file. Java system properties override its keys, so {@code
   * -Dtokenize.partitions=64} changes one setting without editing the file; {@code
   * ${?ENV_VAR}} substitutions read the environment.
   *
   * @throws IllegalArgumentException naming the file when it is missing or invalid HOCON
   */
  static Config load(Path file) {
    try {
      Config parsed = ConfigFactory.parseFile(file.toFile(),
          ConfigParseOptions.defaults().setAllowMissing(false));
      return ConfigFactory.defaultOverrides().withFallback(parsed).resolve();
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
