package org.gqaspark.training;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Moves the examples of a window of steps to the partitions that compute them, once per
 * window, and caches them there.
 *
 * <p>Why this design: the global batch of every step is fixed by the {@link MixtureSampler}
 * on the driver, independently of the number of partitions P, and each step needs its
 * examples on P partitions. Shipping every batch from the driver would make the driver hold
 * the corpus and send all of it; scanning a cached corpus at every step for the few records
 * a step needs costs a pass over the data per step. Instead the driver broadcasts the plan
 * of a window of W steps (a few ints per slot), every record of every source looks up the
 * positions where it is drawn, and one keyed shuffle ({@link ShardPartitioner}) sends each
 * drawn example to its partition, where it is cached as one {@link ShardWindow}. A step then
 * runs one task per cached partition, which Spark schedules where the block lives. The
 * window, not the epoch, is the unit because the sources of a mixture have epochs of
 * different lengths, and because W bounds the memory of the cached copy.
 */
final class WindowRouting {

  private WindowRouting() {}

  /**
   * Returns the routed examples of the window: P partitions, each one {@link ShardWindow},
   * persisted and materialised.
   */
  static JavaRDD<ShardWindow> route(JavaSparkContext jsc, List<TrainingSource> sources,
      Broadcast<WindowPlan> plan, ShardLayout layout, long seed) {
    List<JavaPairRDD<Long, TrainingExample>> drawn = new ArrayList<>();
    for (int source = 0; source < sources.size(); source++) {
      int sourceIndex = source;
      Objective objective = sources.get(source).objective();
      drawn.add(sources.get(source).records().flatMapToPair(record -> {
        WindowPlan window = plan.value();
        List<Tuple2<Long, TrainingExample>> uses = new ArrayList<>();
        for (int position : window.positionsOf(sourceIndex, record._1())) {
          SlotRef slot = window.slot(position);
          TrainingExample example = objective.example(record._2(), seed, sourceIndex,
              slot.epoch(), slot.index());
          uses.add(new Tuple2<>((long) position, example));
        }
        return uses.iterator();
      }));
    }
    JavaPairRDD<Long, TrainingExample> all = drawn.size() == 1 ? drawn.get(0)
        : jsc.union(drawn.toArray(new JavaPairRDD[0]));

    long firstStep = plan.value().firstStep();
    int steps = plan.value().steps();
    JavaRDD<ShardWindow> routed = all
        .partitionBy(new ShardPartitioner(layout))
        .mapPartitionsWithIndex((partition, examples) ->
            collect(partition, examples, firstStep, steps, layout), true)
        .persist(StorageLevel.MEMORY_AND_DISK());
    routed.setName("examples of steps " + firstStep + ".." + (firstStep + steps - 1));
    routed.count();
    return routed;
  }

  private static Iterator<ShardWindow> collect(int partition,
      Iterator<Tuple2<Long, TrainingExample>> examples, long firstStep, int steps,
      ShardLayout layout) {
    ShardWindow window = new ShardWindow(partition, firstStep, steps, layout);
    while (examples.hasNext()) {
      Tuple2<Long, TrainingExample> next = examples.next();
      long position = next._1();
      window.put((int) (position / layout.batchSize()), (int) (position % layout.batchSize()),
          next._2());
    }
    return List.of(window.complete()).iterator();
  }
}
