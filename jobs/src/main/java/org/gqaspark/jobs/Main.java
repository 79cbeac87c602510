package org.gqaspark.jobs;

import org.gqaspark.jobs.bench.BenchCommand;
import org.gqaspark.jobs.score.ScoreCommand;
import org.gqaspark.jobs.vocab.VocabCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the launcher ({@code bin/gqa}) and of {@code spark-submit --class
 * org.gqaspark.jobs.Main}: one subcommand per phase, benchmark and tool.
 */
@Command(
    name = "gqa",
    mixinStandardHelpOptions = true,
    description = "Converts multi-head T5 checkpoints to grouped-query attention, trains and"
        + " evaluates them on Spark.",
    subcommands = {
        CheckpointCommand.class,
        ConvertCommand.class,
        ScoreCommand.class,
        TokenizeCommand.class,
        PretrainCommand.class,
        UptrainCommand.class,
        FinetuneCommand.class,
        EvaluateCommand.class,
        DecodeBenchmarkCommand.class,
        RunCommand.class,
        ExportCommand.class,
        BenchCommand.class,
        VocabCommand.class,
    })
public final class Main implements Runnable {

  public static void main(String[] args) {
    int status = new CommandLine(new Main()).execute(args);
    if (status != 0) {
      System.exit(status);
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
