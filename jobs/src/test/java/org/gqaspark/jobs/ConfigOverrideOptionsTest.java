package org.gqaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class ConfigOverrideOptionsTest {

  @TempDir
  Path folder;

  @Test
  void overridesParseAfterEachSubcommand() {
    for (String command : new String[] {"tokenize", "pretrain", "uptrain", "finetune",
        "evaluate", "decode-benchmark", "run"}) {
      ParseResult parsed = new CommandLine(new Main()).parseArgs(command, "--conf", "job.conf",
          "-Dtrain.steps=5", "-Dspark.master=local[1]");

      ParseResult sub = parsed.subcommand();
      assertEquals(Map.of("train.steps", "5", "spark.master", "local[1]"),
          sub.matchedOptionValue("-D", Map.of()), command);
    }
  }

  @Test
  void overridesWinOverFile() throws IOException {
    Path file = folder.resolve("job.conf");
    Files.writeString(file, "train { steps = 2000, seed = 3 }\n", StandardCharsets.UTF_8);

    Config config = JobConfigFiles.load(file, Map.of("train.steps", "5"));

    assertEquals(5, config.getInt("train.steps"));
    assertEquals(3, config.getInt("train.seed"));
  }
}
