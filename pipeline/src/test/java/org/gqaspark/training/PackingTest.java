package org.gqaspark.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.gqaspark.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class PackingTest {

  @Test
  void documentsPackedAcrossPartitions() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(
        SparkTestSession.get().sparkContext());
    List<int[]> documents = List.of(new int[] {1, 2, 3}, new int[] {4, 5},
        new int[] {6, 7, 8, 9, 10}, new int[] {11});

    List<Tuple2<Long, SourceRecord>> chunks = new ArrayList<>(
        ExampleSources.pack(jsc.parallelize(documents, 3), 4).collect());
    chunks.sort((a, b) -> Long.compare(a._1(), b._1()));

    assertEquals(List.of("[1, 2, 3, 4]", "[5, 6, 7, 8]", "[9, 10, 11]"),
        chunks.stream().map(chunk -> Arrays.toString(chunk._2().inputIds())).toList());
    assertEquals(List.of(0L, 1L, 2L), chunks.stream().map(Tuple2::_1).toList());
  }
}
