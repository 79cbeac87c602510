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
 * Each phase of the tiny experiment ({@code experiment/tiny.conf}, four pretraining steps,
 * one MQA variant) submitted as a cluster would run it: {@code
 * org.apache.spark.deploy.SparkSubmit --master local[2] --class org.gqaspark.jobs.Main JAR
 * run --phase PHASE} in a child JVM whose classpath is Spark's alone (the build's classpath
 * without the artifacts that the job jar bundles), then {@code export}. Corpora, vocabulary,
 * checkpoints and Delta tables are s3a paths on s3proxy at 127.0.0.1. Runs in the verify
 * phase (maven-failsafe), after the jar is packaged.
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

  private static Path experimentConf;

  @BeforeAll
  static void uploadCorpus() throws IOException {
    Configuration hadoop = new Configuration();
    SparkSessions.applyS3(hadoop, S3.settings());
    FileSystem fs = FileSystem.get(java.net.URI.create(S3.uri("")), hadoop);
    upload(fs, "eng.txt", head("tatoeba-en-de/tatoeba-test-v2021-08-07.deu-eng.eng.gz"));
    upload(fs, "deu.txt", head("tatoeba-en-de/tatoeba-test-v2021-08-07.deu-eng.deu.gz"));
    upload(fs, "t5/spiece.model", Files.readAllBytes(RepoPaths.root()
        .resolve("pipeline/src/test/resources/t5/spiece.model")));

    experimentConf = folder.resolve("experiment.conf");
    Files.writeString(experimentConf, """
        folder = "%s"
        vocabulary = "%s"
        include file("%s")
        spark.s3 = { bucket = "%s", endpoint = "%s", region = "us-east-1",
                     path-style-access = true, credentials-provider = "%s",
                     access-key = "%s", secret-key = "%s" }
        spark.conf { "spark.sql.shuffle.partitions" = 2,
                     "spark.databricks.delta.snapshotPartitions" = 2 }
        experiment {
          id = "submit"
          pretrain.train.steps = 4
          convert.key-value-heads = [1]
        }
        """.formatted("s3a://" + S3.bucket(), S3.uri("t5/spiece.model"),
        Path.of("src/test/resources/experiment/tiny.conf").toAbsolutePath(), S3.bucket(),
        S3.endpoint(), S3.settings().credentialsProvider(), S3ProxyServer.ACCESS_KEY,
        S3ProxyServer.SECRET_KEY));
  }

  @Test
  @Order(1)
  void tokenizeSubmitted() throws Exception {
    String output = runPhase("tokenize");

    assertTrue(output.contains("Experiment submit: "), output);
    assertTrue(Files.isDirectory(S3.folder().resolve("delta/examples/_delta_log")));
  }

  @Test
  @Order(2)
  void pretrainSubmitted() throws Exception {
    runPhase("pretrain");

    assertTrue(Files.isRegularFile(
        S3.folder().resolve("work/runs/submit.pretrain/checkpoint-4/model.safetensors")));
  }

  @Test
  @Order(3)
  void convertSubmitted() throws Exception {
    runPhase("convert");

    assertTrue(Files.isRegularFile(
        S3.folder().resolve("work/runs/submit.convert.kv1-mean/config.json")));
  }

  @Test
  @Order(4)
  void uptrainSubmitted() throws Exception {
    runPhase("uptrain");
  }

  @Test
  @Order(5)
  void finetuneSubmitted() throws Exception {
    runPhase("finetune");
  }

  @Test
  @Order(6)
  void evaluateSubmitted() throws Exception {
    runPhase("evaluate");

    assertTrue(Files.isDirectory(S3.folder().resolve("delta/metrics/_delta_log")));
  }

  @Test
  @Order(7)
  void decodeBenchmarkSubmitted() throws Exception {
    runPhase("decode-benchmark");

    assertTrue(Files.isDirectory(S3.folder().resolve("delta/decode_timings/_delta_log")));
  }

  @Test
  @Order(8)
  void exportSubmitted() throws Exception {
    Path out = folder.resolve("export");

    String output = submit("export", "--conf", experimentConf.toString(), "--out",
        out.toString(), "--tables-list", "runs", "--run-prefix", "submit.");
    List<String> runs = Files.readAllLines(out.resolve("runs.csv"));

    assertTrue(output.contains("runs: version"), output);
    assertTrue(runs.size() > 5, String.join("\n", runs));
    for (String row : runs.subList(1, runs.size())) {
      assertTrue(row.contains(",succeeded,"), row);
    }
  }

  /** Submits {@code run --phase PHASE} and asserts that no run failed. */
  private static String runPhase(String phase) throws Exception {
    String output = submit("run", "--conf", experimentConf.toString(), "--run-id", "submit",
        "--phase", phase);
    assertTrue(output.contains("Experiment submit: "), output);
    return output;
  }

  /**
   * Runs {@code SparkSubmit ... JOB_JAR ARGS} in a child JVM with this JVM's module flags
   * and Spark's classpath, asserts exit code 0 and returns the output.
   */
  private static String submit(String... arguments) throws Exception {
    // The log is named after the command and, for gqa run, the phase: run-tokenize.log.
    String label = String.join("-", arguments[0], arguments[arguments.length - 1]);
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
