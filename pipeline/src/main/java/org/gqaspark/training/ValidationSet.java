package org.gqaspark.training;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The held-out examples of a run, fixed for the whole run: the first {@code maxExamples}
 * records of each validation source in index order, turned into examples with a fixed seed
 * (so span-corruption noise is the same at every evaluation, and in every run with the same
 * validation seed), split into P contiguous ranges and cached on the partitions.
 */
final class ValidationSet implements AutoCloseable {

  /** Loss sums of one evaluation, summed over partitions. */
  record Sums(double lossSum, long tokens, long examples, double maxComputeSeconds,
      int partitions) implements Serializable {
    private static final long serialVersionUID = 1L;

    Sums plus(Sums other) {
      return new Sums(lossSum + other.lossSum, tokens + other.tokens,
          examples + other.examples, Math.max(maxComputeSeconds, other.maxComputeSeconds),
          partitions + other.partitions);
    }
  }

  private final JavaRDD<ArrayList<TrainingExample>> shards;
  private final long examples;

  private ValidationSet(JavaRDD<ArrayList<TrainingExample>> shards, long examples) {
    this.shards = shards;
    this.examples = examples;
  }

  /**
   * Builds and caches the set.
   *
   * @param seed the validation seed, independent of the run seed
   */
  static ValidationSet build(JavaSparkContext jsc, List<TrainingSource> sources,
      long maxExamples, int partitions, long seed) {
    List<JavaPairRDD<Long, TrainingExample>> parts = new ArrayList<>();
    long offset = 0;
    for (int source = 0; source < sources.size(); source++) {
      TrainingSource training = sources.get(source);
      long count = Math.min(training.size(), maxExamples);
      long first = offset;
      int sourceIndex = source;
      Objective objective = training.objective();
      parts.add(training.records()
          .filter(record -> record._1() < count)
          .mapToPair(record -> new Tuple2<>(first + record._1(),
              objective.example(record._2(), seed, sourceIndex, 0, record._1()))));
      offset += count;
    }
    long total = offset;
    JavaPairRDD<Long, TrainingExample> all = parts.size() == 1 ? parts.get(0)
        : jsc.union(parts.toArray(new JavaPairRDD[0]));
    JavaRDD<ArrayList<TrainingExample>> shards = all
        .partitionBy(new RangeOfPositions(total, partitions))
        .mapPartitions(items -> {
          List<Tuple2<Long, TrainingExample>> sorted = new ArrayList<>();
          items.forEachRemaining(sorted::add);
          sorted.sort(Comparator.comparing(Tuple2::_1));
          ArrayList<TrainingExample> list = new ArrayList<>();
          sorted.forEach(item -> list.add(item._2()));
          return List.of(list).iterator();
        }, true)
        .persist(StorageLevel.MEMORY_AND_DISK());
    shards.setName("validation examples");
    shards.count();
    return new ValidationSet(shards, total);
  }

  long examples() {
    return examples;
  }

  /** Returns the summed loss of the weights in {@code weights} over the whole set. */
  Sums evaluate(Broadcast<ModelWeights> weights, WorkerSpec spec, int batchSize, int depth) {
    JavaRDD<Sums> perPartition = shards.map(list -> {
      if (list.isEmpty()) {
        return new Sums(0, 0, 0, 0, 1);
      }
      long start = System.nanoTime();
      WorkerModel worker = WorkerModels.borrow(spec);
      try {
        worker.load(weights.value());
        List<List<TrainingExample>> batches = new ArrayList<>();
        for (int i = 0; i < list.size(); i += batchSize) {
          batches.add(list.subList(i, Math.min(list.size(), i + batchSize)));
        }
        WorkerModel.Sums sums = worker.evaluate(batches);
        return new Sums(sums.lossSum(), sums.tokens(), sums.examples(),
            (System.nanoTime() - start) / 1e9, 1);
      } finally {
        WorkerModels.giveBack(spec, worker);
      }
    });
    return TreeSum.sum(perPartition, Sums::plus, depth);
  }

  @Override
  public void close() {
    shards.unpersist(false);
  }

  /** Sends position i of n to partition floor(i P / n): P contiguous ranges. */
  private static final class RangeOfPositions extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final long total;
    private final int partitions;

    RangeOfPositions(long total, int partitions) {
      this.total = total;
      this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public int getPartition(Object key) {
      return (int) ((Long) key * partitions / Math.max(total, 1));
    }
  }
}
