package org.gqaspark.jobs;

import picocli.CommandLine.Option;

/** The {@code --checksums} option that the checkpoint commands share. */
public final class ChecksumOption {

  @Option(names = "--checksums",
      description = "Also compare every file's CRC-32C with the completion marker; this reads"
          + " every file.")
  boolean enabled;
}
