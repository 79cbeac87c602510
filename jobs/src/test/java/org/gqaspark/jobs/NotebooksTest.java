package org.gqaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.gqaspark.tables.DeltaTableWriter;
import org.gqaspark.tables.RowSlice;
import org.gqaspark.tables.RunsTable;
import org.gqaspark.tables.TableLocations;
import org.gqaspark.tables.TableSchema;
import org.gqaspark.testing.RepoPaths;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notebooks executed headless against an export of real tables. Tokenize, a tiny
 * pretraining run and four conversions run as jobs. This fixture writes the uptrain,
 * finetune and evaluate runs, their metrics and the decode timings with the table writers,
 * with values chosen so that each figure's points are known exactly.
 *
 * <p>TODO: run a tiny experiment through {@code gqa run} instead of writing rows, once the
 * runner's plan includes the evaluate and decode-benchmark phases.
 */
class NotebooksTest {

  private static final String MODULES = "nbconvert, ipykernel, pandas, matplotlib";
  private static final Timestamp NOW = Timestamp.from(Instant.parse("2025-01-02T03:04:05Z"));

  /** An evaluated model: lineage convert, uptrain, finetune, evaluate, with its scores. */
  private record Variant(String id, int keyValueHeads, String method, Double alpha,
      double bleu, double rougeL) {}

  private static final List<Variant> VARIANTS = List.of(
      new Variant("mha", 4, null, null, 30.0, 40.0),
      new Variant("mqa-mean-a0", 1, "mean", 0.0, 20.0, 31.0),
      new Variant("mqa-mean-a05", 1, "mean", 0.05, 27.5, 37.0),
      new Variant("mqa-mean-a10", 1, "mean", 0.1, 28.25, 38.5),
      new Variant("gqa2-mean-a05", 2, "mean", 0.05, 29.0, 39.0),
      new Variant("mqa-first-a05", 1, "first", 0.05, 26.0, 36.0),
      new Variant("mqa-random-a05", 1, "random", 0.05, 21.5, 33.0));

  @TempDir
  static Path folder;

  private static Path exportDir;

  @BeforeAll
  static void exportTables() throws Exception {
    SparkSession spark = SparkTestSession.get();
    TableLocations tables = new TableLocations(folder.resolve("delta").toString());
    runTokenizeAndPretrain();
    for (String conversion : List.of("1-mean", "2-mean", "1-first", "1-random")) {
      String[] parts = conversion.split("-");
      CommandRun convert = CommandRun.of("convert", "--from",
          folder.resolve("runs/pre/checkpoint-4").toString(), "--to",
          folder.resolve("converted/" + conversion).toString(), "--kv-heads", parts[0],
          "--method", parts[1]);
      assertEquals(0, convert.exitCode(), convert.err());
    }
    writeLineage(spark, tables);
    writeMetrics(spark, tables);
    writeTimings(spark, tables);

    exportDir = folder.resolve("export");
    CommandRun export = CommandRun.of("export", "--tables", tables.root(), "--out",
        exportDir.toString());
    assertEquals(0, export.exitCode(), export.err());
  }

  @Test
  void notebooksDrawFourFigures() throws Exception {
    Optional<String> python = PythonTools.find(MODULES.split(", "));
    assumeTrue(python.isPresent(), "Skipped: no python3 with " + MODULES + " (Debian packages"
        + " python3-nbconvert python3-ipykernel python3-pandas python3-matplotlib; .ci/run"
        + " installs them). Set GQA_PYTHON to another interpreter that has them.");
    Path notebooks = RepoPaths.root().resolve("notebooks");
    Path figures = folder.resolve("figures");
    Map<String, String> environment = Map.of("GQA_EXPORT_DIR", exportDir.toString(),
        "GQA_FIGURES_DIR", figures.toString(), "MPLCONFIGDIR", folder.resolve("mpl").toString());

    for (String name : List.of("quality_vs_time", "time_vs_kv_heads", "quality_vs_alpha",
        "conversion_methods")) {
      PythonTools.Result executed = PythonTools.run(python.get(), notebooks, environment, 300,
          "-m", "nbconvert", "--to", "notebook", "--execute", "--output-dir",
          folder.resolve("executed").toString(), name + ".ipynb");
      assertEquals(0, executed.exitCode(), name + ": " + executed.output());
      assertPlotted(figures.resolve(name + ".png"));
    }

    JsonNode qualityVsTime = json(figures.resolve("quality_vs_time.json"));
    JsonNode timeVsHeads = json(figures.resolve("time_vs_kv_heads.json"));
    JsonNode qualityVsAlpha = json(figures.resolve("quality_vs_alpha.json"));
    JsonNode methods = json(figures.resolve("conversion_methods.json"));
    assertEquals("[[0.5,30.0]]", qualityVsTime.get("BLEU: MHA").toString());
    assertEquals("[[0.2,27.5]]", qualityVsTime.get("BLEU: MQA mean α=0.05").toString());
    assertEquals("[[0.25,39.0]]", qualityVsTime.get("ROUGE-L: GQA-2 mean α=0.05").toString());
    assertEquals(14, qualityVsTime.size());
    assertEquals("[[1.0,0.2],[2.0,0.25],[4.0,0.5]]",
        timeVsHeads.get("total: batch 8, 256 in, 32 out").toString());
    assertEquals("[[1.0,0.1],[2.0,0.125],[4.0,0.25]]",
        timeVsHeads.get("decoder: batch 8, 256 in, 32 out").toString());
    assertEquals("[[0.0,20.0],[0.05,27.5],[0.1,28.25]]",
        qualityVsAlpha.get("BLEU: MQA mean").toString());
    assertEquals("[[null,40.0]]", qualityVsAlpha.get("ROUGE-L: MHA").toString());
    assertEquals("[[\"GQA-2\",29.0],[\"MQA\",27.5]]", methods.get("BLEU: mean").toString());
    assertEquals("[[\"MQA\",36.0]]", methods.get("ROUGE-L: first").toString());
    assertEquals("[[\"MQA\",21.5]]", methods.get("BLEU: random").toString());
  }

  /** Asserts a real PNG with colored marks: a figure with only a message is black on white. */
  private static void assertPlotted(Path png) throws IOException {
    assertTrue(Files.isRegularFile(png), png + " missing");
    BufferedImage image = ImageIO.read(png.toFile());
    int colored = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int red = (rgb >> 16) & 0xff;
        int green = (rgb >> 8) & 0xff;
        int blue = rgb & 0xff;
        if (Math.max(red, Math.max(green, blue)) - Math.min(red, Math.min(green, blue)) > 60) {
          colored++;
        }
      }
    }
    assertTrue(image.getWidth() >= 500, png + " is " + image.getWidth() + " pixels wide");
    assertTrue(colored >= 200, png + " has " + colored + " colored pixels");
  }

  private static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  private static void runTokenizeAndPretrain() throws IOException {
    Path english = folder.resolve("eng.txt");
    Path german = folder.resolve("deu.txt");
    Files.write(english, head("tatoeba-en-de/tatoeba-test-v2021-08-07.deu-eng.eng.gz", 64));
    Files.write(german, head("tatoeba-en-de/tatoeba-test-v2021-08-07.deu-eng.deu.gz", 64));
    String vocabulary = RepoPaths.root().resolve("pipeline/src/test/resources/t5/spiece.model")
        .toString();
    Path tokenizeConf = folder.resolve("tokenize.conf");
    Files.writeString(tokenizeConf, """
        tables.root = "%s"
        tokenize {
          vocabulary = "%s"
          add-dummy-prefix = true
          datasets = [
            { name = tatoeba-text, split = test, format = text-pair
              source-paths = ["%s"], target-paths = ["%s"]
              max-input-tokens = 32, max-target-tokens = 32, over-length = truncate }
          ]
        }
        """.formatted(folder.resolve("delta"), vocabulary, english, german));
    CommandRun tokenized = CommandRun.of("tokenize", "--conf", tokenizeConf.toString(),
        "--run-id", "tok");
    assertEquals(0, tokenized.exitCode(), tokenized.err());

    Path pretrainConf = folder.resolve("pretrain.conf");
    Files.writeString(pretrainConf, """
        tables.root = "%s"
        spark { master = "local[1]", conf { "spark.ui.enabled" = false } }
        train {
          output-dir = "%s"
          steps = 4
          seed = 4
          model { d-model = 16, d-kv = 4, d-ff = 32, num-heads = 4, num-layers = 1,
                  feed-forward-proj = relu, dropout-rate = 0.1 }
          batch { global-size = 4, micro-size = 4 }
          partitions = 1
          window-steps = 4
          driver-threads = 1
          gemm-backend = java
          data {
            tokenize-run-id = tok
            vocabulary = "%s"
            train = [ { dataset = tatoeba-text, split = test } ]
            validation = [ { dataset = tatoeba-text, split = test } ]
          }
          objective.span-corruption.input-length = 16
          optimizer { learning-rate = 3e-3, schedule = inverse-sqrt, warmup-steps = 2 }
          checkpoint { every = 4, keep = 1 }
          validation { every = 4, max-examples = 8, batch-size = 8 }
          log-every = 2
          steps-table-flush-every = 4
        }
        """.formatted(folder.resolve("delta"), folder.resolve("runs"), vocabulary));
    CommandRun pretrained = CommandRun.of("pretrain", "--conf", pretrainConf.toString(),
        "--run-id", "pre");
    assertEquals(0, pretrained.exitCode(), pretrained.err());
  }

  /**
   * Writes convert, uptrain, finetune and evaluate rows leading from each variant to "pre",
   * in one commit: a MERGE per row would cost seconds each.
   */
  private static void writeLineage(SparkSession spark, TableLocations tables) {
    List<Row> rows = new ArrayList<>();
    for (Variant variant : VARIANTS) {
      String parent = "pre";
      if (variant.method() != null) {
        String conversion = variant.keyValueHeads() + "-" + variant.method();
        parent = addRun(rows, "convert-" + conversion, "convert", parent, variant,
            folder.resolve("converted/" + conversion).toString());
      }
      if (variant.alpha() != null && variant.alpha() > 0) {
        parent = addRun(rows, "uptrain-" + variant.id(), "uptrain", parent, variant, null);
      }
      parent = addRun(rows, "finetune-" + variant.id(), "finetune", parent, variant, null);
      addRun(rows, "evaluate-" + variant.id(), "evaluate", parent, variant, null);
    }
    RowSlice slice = RowSlice.where(Map.of("run_id", rows.get(0).getString(0)));
    for (Row row : rows.subList(1, rows.size())) {
      slice = slice.or(Map.of("run_id", row.getString(0)));
    }
    DeltaTableWriter.replace(spark, RunsTable.SCHEMA, tables.path(RunsTable.SCHEMA),
        spark.createDataFrame(rows, RunsTable.SCHEMA.structType()).dropDuplicates("run_id"),
        slice);
  }

  private static String addRun(List<Row> rows, String runId, String phase, String parent,
      Variant variant, String output) {
    boolean converted = phase.equals("convert") || phase.equals("uptrain");
    rows.add(RowFactory.create(runId, phase, parent, "d_model 16, d_ff 32, d_kv 4, 1+1 layers",
        4, variant.keyValueHeads(), converted ? variant.method() : null,
        phase.equals("uptrain") ? variant.alpha() : null, null, null, "gqa-test", output, NOW,
        NOW, "succeeded", null));
    return runId;
  }

  private static void writeMetrics(SparkSession spark, TableLocations tables) {
    TableSchema metrics = TableSchema.load("metrics");
    List<Row> rows = new ArrayList<>();
    RowSlice slice = null;
    for (Variant variant : VARIANTS) {
      String runId = "evaluate-" + variant.id();
      rows.add(RowFactory.create(runId, "tatoeba", "test", "bleu", variant.bleu(), null, null,
          null, 64L, "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0", NOW));
      rows.add(RowFactory.create(runId, "scitldr", "test", "rougeL", variant.rougeL(), null,
          null, null, 64L, "rouge-score 0.1.2, stemming off", NOW));
      slice = slice == null ? RowSlice.where(Map.of("run_id", runId))
          : slice.or(Map.of("run_id", runId));
    }
    DeltaTableWriter.replace(spark, metrics, tables.path(metrics),
        spark.createDataFrame(rows, metrics.structType()), slice);
  }

  private static void writeTimings(SparkSession spark, TableLocations tables) {
    TableSchema timings = TableSchema.load("decode_timings");
    List<Row> rows = new ArrayList<>();
    double[] seconds = {0.2, 0.25, 0.5};
    int[] heads = {1, 2, 4};
    for (int i = 0; i < heads.length; i++) {
      rows.add(timing("bench", heads[i], 8, 256, 32, seconds[i]));
    }
    rows.add(timing("evaluate-mha", 4, 16, 64, 32, 0.55));
    DeltaTableWriter.replace(spark, timings, tables.path(timings),
        spark.createDataFrame(rows, timings.structType()),
        RowSlice.where(Map.of("run_id", "bench")).or(Map.of("run_id", "evaluate-mha")));
  }

  private static Row timing(String runId, int heads, int batch, int source, int target,
      double seconds) {
    // Benchmark rows have no dataset, split or checkpoint.
    return RowFactory.create(runId, null, null, null, "d_model 16, d_ff 32, d_kv 4, 1+1 layers",
        4, heads, batch, source, target, 16, seconds, seconds / 2, seconds / 2,
        target / seconds, 1, "java", "test host", NOW);
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
