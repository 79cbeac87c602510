package org.gqaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.gqaspark.spark.SparkSessions;
import org.gqaspark.testing.RepoPaths;
import org.gqaspark.testing.S3ProxyServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each phase submitted as a cluster would run it: {@code org.apache.spark.deploy.SparkSubmit
 * --master local[2] --class org.gqaspark.jobs.Main} with the packaged job jar, in a child JVM
 * whose classpath is Spark's alone (the build's classpath without the artifacts that the job
 * jar bundles). Corpora, vocabulary, checkpoints and Delta tables are s3a paths on s3proxy at
 * 127.0.0.1. Runs in the verify phase (maven-failsafe), after the jar is packaged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkSubmitIT {

  /**
   * Path fragments of the jars that the job jar bundles, as listed by the shade plugin's
   * includes in jobs/pom.xml. Every other jar of the build plays the cluster's Spark.
   */
  private static final List<String> BUNDLED = List.of("/org/gqaspark/", "/pipeline/target/",
      "/io/delta/", "/io/unitycatalog/", "/org/apache/hadoop/hadoop-aws/", "/software/amazon/",
      "/org/wildfly/openssl/", "/dev/ludovic/netlib/", "/com/typesafe/config/",
      "/info/picocli/", "/org/apache/httpcomponents/",
      "/org/reactivestreams/");

  /**
   * Jars of the build that neither spark-sql 4.2.0's own dependencies (resolved alone) nor a
   * Spark distribution's jars folder supply: they come with the bundled artifacts, so the job
   * jar must carry what it needs of them. Guava is not listed: spark-sql declares it provided
   * but its classes load it, so every Spark distribution ships it.
   */
  private static final List<String> NOT_SPARK = List.of("arpack_combined_all-",
      "commons-logging-", "jackson-datatype-jdk8-");

  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();

  @TempDir
  static Path folder;

  private static Path commonConf;

  @BeforeAll
  static void uploadCorpus() throws IOException {
    Configuration hadoop = new Configuration();
    SparkSessions.applyS3(hadoop, S3.settings());
    FileSystem fs = FileSystem.get(java.net.URI.create(S3.uri("")), hadoop);
    upload(fs, "corpus/eng.txt", head("tatoeba-en-de/tatoeba-test-v2021-08-07.deu-eng.eng.gz"));
    upload(fs, "corpus/deu.txt", head("tatoeba-en-de/tatoeba-test-v2021-08-07.deu-eng.deu.gz"));
    upload(fs, "t5/spiece.model", Files.readAllBytes(RepoPaths.root()
        .resolve("pipeline/src/test/resources/t5/spiece.model")));

    commonConf = folder.resolve("common.conf");
    Files.writeString(commonConf, """
        tables.root = "%s"
        spark {
          conf { "spark.ui.enabled" = false, "spark.sql.shuffle.partitions" = 2,
                 "spark.databricks.delta.snapshotPartitions" = 2 }
          s3 = { bucket = "%s", endpoint = "%s", region = "us-east-1", path-style-access = true,
                 credentials-provider = "%s", access-key = "%s", secret-key = "%s" }
        }
        """.formatted(S3.uri("delta"), S3.bucket(), S3.endpoint(),
        S3.settings().credentialsProvider(), S3ProxyServer.ACCESS_KEY,
        S3ProxyServer.SECRET_KEY));
  }

  @Test
  @Order(1)
  void tokenizeSubmitted() throws Exception {
    Path conf = conf("tokenize", """
        tokenize {
          vocabulary = "%s"
          add-dummy-prefix = true
          datasets = [
            { name = text, split = train, format = text-pair
              source-paths = ["%s"], target-paths = ["%s"]
              max-input-tokens = 32, max-target-tokens = 32, over-length = truncate }
          ]
        }
        """.formatted(S3.uri("t5/spiece.model"), S3.uri("corpus/eng.txt"),
        S3.uri("corpus/deu.txt")));

    String output = submit("tokenize", "--conf", conf.toString(), "--run-id", "submit-tok");

    assertTrue(output.contains("Tokenize run submit-tok: 64 input records, 64 examples,"
        + " 0 rejects"), output);
    assertTrue(Files.isDirectory(S3.folder().resolve("delta/examples/_delta_log")));
  }

  @Test
  @Order(2)
  void pretrainSubmitted() throws Exception {
    String output = submit("pretrain", "--conf", trainConf("pretrain", """
        train {
          steps = 4
          model { d-model = 16, d-kv = 4, d-ff = 32, num-heads = 4, num-layers = 1,
                  feed-forward-proj = relu, dropout-rate = 0.1 }
        }
        """).toString(), "--run-id", "submit-pre");

    assertTrue(output.contains("Run submit-pre (pretrain): 4 steps"), output);
    assertTrue(Files.isRegularFile(
        S3.folder().resolve("runs/submit-pre/checkpoint-4/model.safetensors")));
  }

  @Test
  @Order(3)
  void uptrainSubmitted() throws Exception {
    String output = submit("uptrain", "--conf", trainConf("uptrain", """
        train { init-checkpoint = "%s", steps = 2 }
        """.formatted(S3.uri("runs/submit-pre/checkpoint-4"))).toString(),
        "--run-id", "submit-up");

    assertTrue(output.contains("Run submit-up (uptrain): 2 steps"), output);
  }

  @Test
  @Order(4)
  void finetuneSubmitted() throws Exception {
    String output = submit("finetune", "--conf", trainConf("finetune", """
        train { init-checkpoint = "%s", steps = 2 }
        """.formatted(S3.uri("runs/submit-up/checkpoint-2"))).toString(),
        "--run-id", "submit-ft");

    assertTrue(output.contains("Run submit-ft (finetune): 2 steps"), output);
  }

  @Test
  @Order(5)
  void evaluateSubmitted() throws Exception {
    Path conf = confOver("evaluate", """
        evaluate {
          checkpoint = "%s"
          tokenizer = "%s"
          examples-run-id = submit-tok
          eval-sets = [ { dataset = text, split = train, task = translation, max-examples = 8 } ]
          decoding { batch-size = 8, max-new-tokens = 8, partitions = 1, threads = 1 }
          scoring.bootstrap { samples = 10, seed = 1 }
        }
        """.formatted(S3.uri("runs/submit-ft/checkpoint-2"), S3.uri("t5/spiece.model")));

    String output = submit("evaluate", "--conf", conf.toString(), "--run-id", "submit-eval");

    assertTrue(output.contains("Evaluate run submit-eval: "), output);
    assertTrue(Files.isDirectory(S3.folder().resolve("delta/metrics/_delta_log")));
  }

  @Test
  @Order(6)
  void decodeBenchmarkSubmitted() throws Exception {
    Path conf = confOver("decode-benchmark", """
        decode-benchmark {
          shape { d-model = 16, d-ff = 32, heads = 4, d-kv = 4, layers = 1, decoder-layers = 1 }
          kv-heads = [4, 1]
          batch-sizes = [2]
          source-lengths = [16]
          steps = 4
          repetitions = 1
          warmup = 0
          threads = 1
        }
        """);

    String output = submit("decode-benchmark", "--conf", conf.toString(), "--run-id",
        "submit-bench");

    assertTrue(output.contains("Decode benchmark run submit-bench: 2 rows"), output);
  }

  @Test
  @Order(7)
  void exportSubmitted() throws Exception {
    Path out = folder.resolve("export");

    String output = submit("export", "--conf", commonConf.toString(), "--out", out.toString(),
        "--tables-list", "runs", "--run-prefix", "submit-");
    List<String> runs = Files.readAllLines(out.resolve("runs.csv"));

    assertTrue(output.contains("runs: version"), output);
    assertTrue(runs.size() >= 5, String.join("\n", runs));
    for (String row : runs.subList(1, runs.size())) {
      assertTrue(row.contains(",succeeded,"), row);
    }
  }

  /** Writes a job file that includes the common one, for the tables and the s3a settings. */
  private static Path conf(String name, String body) throws IOException {
    Path conf = folder.resolve(name + ".conf");
    Files.writeString(conf, "include file(\"" + commonConf + "\")\n" + body);
    return conf;
  }

  /**
   * Writes a job file on top of a shipped one in conf/: the shipped settings first, then the
   * common tables root and s3a settings, then the body.
   */
  private static Path confOver(String shipped, String body) throws IOException {
    Path conf = folder.resolve(shipped + ".conf");
    Path base = RepoPaths.root().resolve("conf").resolve(shipped + ".conf");
    Files.writeString(conf, "include file(\"" + base + "\")\ninclude file(\"" + commonConf
        + "\")\n" + body);
    return conf;
  }

  private static Path trainConf(String name, String body) throws IOException {
    return conf(name, """
        train {
          output-dir = "%s"
          seed = 4
          batch { global-size = 4, micro-size = 4 }
          partitions = 2
          window-steps = 4
          driver-threads = 1
          gemm-backend = java
          data {
            tokenize-run-id = submit-tok
            vocabulary = "%s"
            train = [ { dataset = text, split = train } ]
            validation = []
          }
          objective.span-corruption.input-length = 16
          optimizer { learning-rate = 3e-3, schedule = inverse-sqrt, warmup-steps = 2 }
          checkpoint { every = 2, keep = 1 }
          validation { every = 0, max-examples = 8, batch-size = 8 }
          log-every = 2
          steps-table-flush-every = 4
        }
        """.formatted(S3.uri("runs"), S3.uri("t5/spiece.model")) + body);
  }

  /**
   * Runs {@code SparkSubmit ... JOB_JAR ARGS} in a child JVM with this JVM's module flags
   * and Spark's classpath, asserts exit code 0 and returns the output.
   */
  private static String submit(String... arguments) throws Exception {
    String label = arguments[0];
    Path jar = Path.of(System.getProperty("gqa.job.jar"));
    assertTrue(Files.isRegularFile(jar), jar + " missing: run mvn verify, which packages it");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("--add-") || argument.startsWith("-XX:+Ignore")
          || argument.startsWith("-Djdk.") || argument.startsWith("-Dio.netty")) {
        command.add(argument);
      }
    }
    command.addAll(List.of("-Xmx1g",
        "-Dlog4j2.configurationFile=" + RepoPaths.root().resolve("conf/log4j2.properties"),
        "-cp", sparkClasspath(), "org.apache.spark.deploy.SparkSubmit",
        "--master", "local[2]",
        "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--class", "org.gqaspark.jobs.Main", jar.toString()));
    command.addAll(List.of(arguments));

    Path log = folder.resolve(label + ".log");
    Process child = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    boolean finished = child.waitFor(240, TimeUnit.SECONDS);
    if (!finished) {
      child.destroyForcibly().waitFor();
    }
    String output = Files.readString(log);
    assertTrue(finished, label + " did not finish in 240 s; output:\n" + tail(output));
    assertEquals(0, child.exitValue(), label + " failed; output:\n" + tail(output));
    return output;
  }

  /** Returns the build's classpath without the jars that the job jar bundles or needs. */
  private static String sparkClasspath() throws IOException {
    Path build = Path.of(System.getProperty("gqa.build.dir"));
    Set<String> entries = new LinkedHashSet<>();
    for (String file : List.of("classpath.txt", "classpath-runtime.txt")) {
      for (String entry : Files.readString(build.resolve(file)).strip().split(":")) {
        String normalized = entry.replace('\\', '/');
        String name = Path.of(entry).getFileName().toString();
        if (BUNDLED.stream().noneMatch(normalized::contains)
            && NOT_SPARK.stream().noneMatch(name::startsWith)) {
          entries.add(entry);
        }
      }
    }
    return String.join(":", entries);
  }

  private static String tail(String output) {
    String[] lines = output.split("\n");
    return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 60),
        lines.length));
  }

  private static void upload(FileSystem fs, String key, byte[] content) throws IOException {
    try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(S3.uri(key)))) {
      out.write(content);
    }
  }

  private static byte[] head(String shipped) throws IOException {
    StringBuilder kept = new StringBuilder();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(RepoPaths.shippedData(shipped))),
        StandardCharsets.UTF_8))) {
      for (int i = 0; i < 64; i++) {
        kept.append(reader.readLine()).append('\n');
      }
    }
    return kept.toString().getBytes(StandardCharsets.UTF_8);
  }
}
