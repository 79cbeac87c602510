package org.gqaspark.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.gqaspark.testing.RepoPaths;
import org.gqaspark.testing.SparkTestSession;

/**
 * The tiny experiment of {@code experiment/tiny.conf} in a test folder: 240 Tatoeba pairs,
 * T5's vocabulary, and the tables and checkpoints under the folder.
 */
final class TinyExperiment {

  private TinyExperiment() {}

  /** Writes the corpus files and the experiment file into {@code folder}; returns the file. */
  static Path write(Path folder) throws IOException {
    Files.write(folder.resolve("eng.txt"),
        head("tatoeba-en-de/tatoeba-test-v2021-08-07.deu-eng.eng.gz", 240));
    Files.write(folder.resolve("deu.txt"),
        head("tatoeba-en-de/tatoeba-test-v2021-08-07.deu-eng.deu.gz", 240));
    Path tiny = Path.of(System.getProperty("user.dir"),
        "src/test/resources/experiment/tiny.conf");
    Path conf = folder.resolve("experiment.conf");
    Files.writeString(conf, """
        folder = "%s"
        vocabulary = "%s"
        include file("%s")
        """.formatted(folder, RepoPaths.root().resolve(
            "pipeline/src/test/resources/t5/spiece.model"), tiny));
    return conf;
  }

  /** Returns the rows of a table under the folder's tables root. */
  static Dataset<Row> table(Path folder, String name) {
    return SparkTestSession.get().read().format("delta")
        .load(folder.resolve("delta").resolve(name).toString());
  }

  /** Returns the run folder of a run id under the folder's work dir. */
  static Path runFolder(Path folder, String runId) {
    return folder.resolve("work/runs").resolve(runId);
  }

  private static List<String> head(String shipped, int lines) throws IOException {
    List<String> kept = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(RepoPaths.shippedData(shipped))),
        StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null && kept.size() < lines;
          line = reader.readLine()) {
        kept.add(line);
      }
    }
    return kept;
  }
}
