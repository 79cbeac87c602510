package org.gqaspark.jobs.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gqa bench}: the benchmarks, one subcommand each. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Runs a benchmark and prints its timings with the machine and threads.",
    subcommands = {
        MetricsBenchmark.class,
        TokenizerBench.class,
        GemmBenchCommand.class,
        TrainBenchCommand.class,
        TokenizeJobBenchCommand.class,
        DecodeBenchCommand.class,
        TrainSparkBenchCommand.class,
    })
public final class BenchCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
