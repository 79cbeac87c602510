package org.gqaspark.jobs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gqaspark.experiment.ExperimentPhase;
import org.gqaspark.testing.RepoPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Airflow DAG checked without Airflow: python3 parses the file (src/test/python/
 * inspect_dag.py) and this test checks what it names against the build.
 */
class AirflowDagTest {

  private static JsonNode dag;

  @BeforeAll
  static void inspectDag() throws Exception {
    Optional<String> python = PythonTools.find();
    assumeTrue(python.isPresent(), "Skipped: no python3 on the PATH or at /usr/bin/python3"
        + " (Debian package python3). Set GQA_PYTHON to an interpreter.");
    Path root = RepoPaths.root();
    PythonTools.Result inspected = PythonTools.run(python.get(), root, Map.of(), 60,
        "jobs/src/test/python/inspect_dag.py", "jobs/airflow/gqa_experiment_dag.py");
    assertEquals(0, inspected.exitCode(), inspected.output());
    dag = new ObjectMapper().readTree(inspected.output());
  }

  @Test
  void dagNamesMainClass() {
    List<String> classes = new ArrayList<>();
    dag.get("operators").forEach(operator -> classes.add(operator.get("java_class").asText()));

    assertEquals(List.of("org.gqaspark.jobs.Main"), classes);
    for (String name : classes) {
      assertDoesNotThrow(() -> Class.forName(name), name + " is not in the build");
    }
  }

  @Test
  void dagConfFilesExist() {
    Path conf = RepoPaths.root().resolve("conf");
    List<String> named = new ArrayList<>();
    dag.get("constants").forEach(value -> {
      if (value.isTextual() && value.asText().endsWith(".conf")) {
        named.add(value.asText());
      }
    });

    assertEquals(List.of("cluster.conf"), named);
    for (String file : named) {
      assertTrue(Files.isRegularFile(conf.resolve(file)), file + " is not in conf/");
    }
  }

  @Test
  void dagPhasesAreRunnerPhases() {
    List<String> phases = new ArrayList<>();
    dag.get("phases").forEach(phase -> phases.add(phase.asText()));

    assertEquals(ExperimentPhase.names(), phases);
  }

  @Test
  void dagRunsPhasesInOrder() {
    assertEquals("[[\"vocab\",\"tokenize\"],[\"tokenize\",\"pretrain\"],"
        + "[\"pretrain\",\"convert\"],[\"convert\",\"uptrain\"],[\"uptrain\",\"finetune\"],"
        + "[\"finetune\",\"evaluate\"],[\"uptrain\",\"decode-benchmark\"]]",
        dag.get("edges").toString());
  }

  @Test
  void dagSubmitsRunPhase() {
    JsonNode operator = dag.get("operators").get(0);
    JsonNode arguments = operator.get("application_args");

    assertEquals(7, arguments.size(), arguments.toString());
    assertEquals("run", arguments.get(0).asText());
    assertEquals("--conf", arguments.get(1).asText());
    assertEquals("CONF_DIR + '/{{ params.conf }}'", arguments.get(2).get("source").asText());
    assertEquals("--run-id", arguments.get(3).asText());
    assertEquals("--phase", arguments.get(5).asText());
    assertEquals("phase", arguments.get(6).get("source").asText());
    assertEquals("JOB_JAR", operator.get("application").get("source").asText());
  }

  @Test
  void dagRetriesWithDelay() {
    JsonNode defaults = dag.get("constants").get("DEFAULT_ARGS");

    assertEquals(2, defaults.get("retries").asInt());
    assertEquals("timedelta(minutes=5)", defaults.get("retry_delay").get("source").asText());
  }
}
