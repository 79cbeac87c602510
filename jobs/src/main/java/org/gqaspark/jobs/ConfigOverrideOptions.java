package org.gqaspark.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code -Dkey=value} option of commands that read a HOCON job file: each one overrides
 * one key of the file, after the subcommand as well as in the JVM options.
 */
final class ConfigOverrideOptions {

  @Option(names = "-D", paramLabel = "KEY=VALUE",
      description = "Overrides one key of the job file, e.g. -Dtrain.steps=100; repeat for"
          + " more. Wins over the file and over Java system properties.")
  Map<String, String> values = new LinkedHashMap<>();
}
