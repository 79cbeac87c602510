package org.gqaspark.training;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Tree aggregation of one value per partition, as Spark's {@code treeAggregate} arranges it
 * (partial sums over groups of about P^(1/depth) partitions on the executors, the last level
 * on the driver), but adding in partition order at every level. Spark's version adds results
 * in the order tasks finish, so with three or more partitions two runs of the same step
 * could round differently. Here a step's sum is a function of its inputs, which keeps a
 * resumed run equal to an uninterrupted one on any number of partitions.
 */
final class TreeSum {

  /** Adds two partial results; may reuse the first argument's storage. */
  interface Combine<T> extends Serializable {
    T apply(T left, T right);
  }

  private TreeSum() {}

  /**
   * Returns the sum of the values, one per partition, added in partition order.
   *
   * @param depth levels of the tree, at least 1 (1 sends every value to the driver)
   */
  static <T> T sum(JavaRDD<T> values, Combine<T> combine, int depth) {
    JavaPairRDD<Integer, T> level = values.mapPartitionsWithIndex((partition, items) -> {
      List<Tuple2<Integer, T>> keyed = new ArrayList<>();
      while (items.hasNext()) {
        keyed.add(new Tuple2<>(partition, items.next()));
      }
      return keyed.iterator();
    }, true).mapToPair(pair -> pair);

    int count = values.getNumPartitions();
    int scale = Math.max((int) Math.ceil(Math.pow(count, 1.0 / Math.max(depth, 1))), 2);
    while (depth > 1 && count > scale + (count + scale - 1) / scale) {
      int groups = (count + scale - 1) / scale;
      int fanIn = scale;
      level = level
          .mapToPair(pair -> new Tuple2<>(pair._1() / fanIn, pair))
          .groupByKey(new HashPartitioner(groups))
          .mapToPair(group -> new Tuple2<>(group._1(), inOrder(group._2(), combine)));
      count = groups;
    }
    List<Tuple2<Integer, T>> last = new ArrayList<>(level.collect());
    if (last.isEmpty()) {
      throw TrainingErrors.noPartitionResults();
    }
    return inOrder(last, combine);
  }

  private static <T> T inOrder(Iterable<Tuple2<Integer, T>> items, Combine<T> combine) {
    List<Tuple2<Integer, T>> sorted = new ArrayList<>();
    items.forEach(sorted::add);
    sorted.sort(Comparator.comparing(Tuple2::_1));
    T total = sorted.get(0)._2();
    for (int i = 1; i < sorted.size(); i++) {
      total = combine.apply(total, sorted.get(i)._2());
    }
    return total;
  }
}
