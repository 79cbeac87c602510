"""Airflow DAG that runs one GQA experiment on a Spark cluster, one spark-submit per phase.

Each task runs `gqa run --conf CONF --run-id ID --phase PHASE` from the job jar with
SparkSubmitOperator. The runner skips runs that already succeeded, so a retried or
re-triggered task resumes where it stopped. README.md beside this file describes the deployment.

Trigger parameters:
  conf    experiment file name under GQA_CONF_DIR (default cluster.conf)
  run_id  experiment id, the prefix of every run id; empty uses gqa-<logical date>
"""

import os
from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.models.param import Param
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

# Install locations of the release on the Airflow workers, set by environment variables.
JOB_JAR = os.environ.get("GQA_JOB_JAR", "/opt/gqa/gqa-jobs-spark.jar")
CONF_DIR = os.environ.get("GQA_CONF_DIR", "/opt/gqa/conf")
SPARK_CONN_ID = os.environ.get("GQA_SPARK_CONN_ID", "spark_default")

MAIN_CLASS = "org.gqaspark.jobs.Main"
DEFAULT_CONF = "cluster.conf"

# The product's matrix kernels use the Vector API, an incubator module up to at least Java 25.
# Spark's launcher adds the --add-opens flags that Spark needs on Java 17 itself.
JAVA_OPTIONS = "--add-modules=jdk.incubator.vector"

# The run id of every task in one DAG run: the parameter, else gqa-<logical date>.
RUN_ID = "{{ params.run_id or ('gqa-' ~ ts_nodash) }}"

DEFAULT_ARGS = {
    "owner": "gqa",
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=30),
}


def phase_task(phase):
    """Return the spark-submit task that runs one phase of the experiment for all variants."""
    return SparkSubmitOperator(
        task_id=phase.replace("-", "_"),
        conn_id=SPARK_CONN_ID,
        application=JOB_JAR,
        java_class=MAIN_CLASS,
        name=f"gqa-{phase}",
        application_args=[
            "run",
            "--conf", CONF_DIR + "/{{ params.conf }}",
            "--run-id", RUN_ID,
            "--phase", phase,
        ],
        conf={
            "spark.driver.extraJavaOptions": JAVA_OPTIONS,
            "spark.executor.extraJavaOptions": JAVA_OPTIONS,
        },
    )


with DAG(
    dag_id="gqa_experiment",
    description="Pretrain, convert to GQA, uptrain, fine-tune, evaluate and benchmark T5",
    schedule=None,
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params={
        "conf": Param(DEFAULT_CONF, type="string",
                      description="Experiment file name under GQA_CONF_DIR."),
        "run_id": Param("", type="string",
                        description="Experiment id; empty uses gqa-<logical date>."),
    },
    tags=["gqa", "spark"],
) as dag:
    vocab = phase_task("vocab")
    tokenize = phase_task("tokenize")
    pretrain = phase_task("pretrain")
    convert = phase_task("convert")
    uptrain = phase_task("uptrain")
    finetune = phase_task("finetune")
    evaluate = phase_task("evaluate")
    decode_benchmark = phase_task("decode-benchmark")

    vocab >> tokenize >> pretrain >> convert >> uptrain >> finetune >> evaluate
    # The benchmark times the uptrained checkpoints, so it runs beside fine-tuning.
    uptrain >> decode_benchmark
