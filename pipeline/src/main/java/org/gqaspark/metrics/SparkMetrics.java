package org.gqaspark.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Corpus metrics over a Spark DataFrame with a hypothesis column (string) and a references
 * column (array of strings; a null element is an absent reference). Executors compute the
 * summable statistics of their segments, the driver adds them up with a tree aggregation and
 * scores the sum, so the result equals {@link MetricSuite#corpusScore} on the same rows
 * whatever the partitioning: BLEU and chrF statistics are integers and ROUGE sums are exact.
 */
public final class SparkMetrics {

  private static final Logger LOG = LoggerFactory.getLogger(SparkMetrics.class);

  /** Name of the column that {@link #segmentScores} adds. */
  public static final String SCORES_COLUMN = "scores";

  private SparkMetrics() {}

  /** Returns the summed statistics of all rows. */
  public static CorpusStatistics corpusStatistics(Dataset<Row> data, String hypothesisColumn,
      String referencesColumn, MetricSuite suite) {
    JavaRDD<Row> rows = segmentRows(data, hypothesisColumn, referencesColumn);
    long start = System.nanoTime();
    LOG.info("Computing corpus statistics over {} partitions", rows.getNumPartitions());
    CorpusStatistics sum = rows.treeAggregate(suite.zero(),
        (total, row) -> total.plus(suite.segmentStatistics(hypothesis(row), references(row), -1)),
        CorpusStatistics::plus);
    logRate("corpus statistics", sum.segments(), start);
    return sum;
  }

  /**
   * Scores all rows. With {@code bootstrap}, the per-segment statistics (and ROUGE scores) are
   * collected to the driver in row order for resampling: a few dozen numbers per segment.
   */
  public static CorpusScores corpusScores(Dataset<Row> data, String hypothesisColumn,
      String referencesColumn, MetricSuite suite, Bootstrap bootstrap) {
    if (bootstrap == null) {
      return suite.score(corpusStatistics(data, hypothesisColumn, referencesColumn, suite));
    }
    JavaRDD<Row> rows = segmentRows(data, hypothesisColumn, referencesColumn);
    long start = System.nanoTime();
    List<Tuple2<CorpusStatistics, Map<RougeType, PrfScore>>> segments = rows.map(row -> {
      String hypothesis = hypothesis(row);
      List<String> references = references(row);
      Map<RougeType, PrfScore> rouge = suite.rouge() == null ? null
          : suite.rouge().scoreMulti(references, hypothesis);
      return new Tuple2<>(suite.segmentStatistics(hypothesis, references, -1), rouge);
    }).collect();
    logRate("segment statistics for resampling", segments.size(), start);

    List<CorpusStatistics> statistics = new ArrayList<>(segments.size());
    List<Map<RougeType, PrfScore>> rougeScores = new ArrayList<>();
    CorpusStatistics sum = suite.zero();
    for (Tuple2<CorpusStatistics, Map<RougeType, PrfScore>> segment : segments) {
      statistics.add(segment._1());
      sum = sum.plus(segment._1());
      if (segment._2() != null) {
        rougeScores.add(segment._2());
      }
    }
    return suite.scoreWithIntervals(sum, statistics, rougeScores, bootstrap);
  }

  /**
   * Returns the rows with a {@value #SCORES_COLUMN} column (map from score name to value, see
   * {@link SegmentScores}) for storing per-segment scores with the predictions.
   */
  public static Dataset<Row> segmentScores(Dataset<Row> data, String hypothesisColumn,
      String referencesColumn, MetricSuite suite) {
    checkColumns(data.schema(), hypothesisColumn, referencesColumn);
    StructType schema = data.schema().add(SCORES_COLUMN,
        DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), false);
    int hypothesisIndex = data.schema().fieldIndex(hypothesisColumn);
    int referencesIndex = data.schema().fieldIndex(referencesColumn);
    return data.map((org.apache.spark.api.java.function.MapFunction<Row, Row>) row -> {
      Object[] values = new Object[row.size() + 1];
      for (int i = 0; i < row.size(); i++) {
        values[i] = row.get(i);
      }
      Map<String, Double> scores = suite.segmentScores(row.getString(hypothesisIndex),
          row.isNullAt(referencesIndex) ? List.of() : row.getList(referencesIndex), -1).values();
      // Row encoders take Scala maps only.
      values[row.size()] = CollectionConverters.asScala(new LinkedHashMap<>(scores));
      return RowFactory.create(values);
    }, Encoders.row(schema));
  }

  private static JavaRDD<Row> segmentRows(Dataset<Row> data, String hypothesisColumn,
      String referencesColumn) {
    checkColumns(data.schema(), hypothesisColumn, referencesColumn);
    return data.select(hypothesisColumn, referencesColumn).javaRDD();
  }

  private static void checkColumns(StructType schema, String hypothesisColumn,
      String referencesColumn) {
    checkColumn(schema, hypothesisColumn, DataTypes.StringType, "string");
    checkColumn(schema, referencesColumn, new ArrayType(DataTypes.StringType, true),
        "array<string>");
  }

  private static void checkColumn(StructType schema, String column, DataType type,
      String typeName) {
    StructField field = schema.getFieldIndex(column).isDefined()
        ? schema.fields()[schema.fieldIndex(column)] : null;
    if (field == null) {
      throw MetricErrors.invalidOption("column", column,
          "a column of the DataFrame (" + String.join(", ", schema.fieldNames()) + ")");
    }
    DataType actual = field.dataType();
    boolean matches = actual instanceof ArrayType array
        ? type instanceof ArrayType && array.elementType().equals(DataTypes.StringType)
        : actual.equals(type);
    if (!matches) {
      throw MetricErrors.invalidOption("type of column " + column, actual.simpleString(),
          typeName);
    }
  }

  private static String hypothesis(Row row) {
    return row.getString(0);
  }

  private static List<String> references(Row row) {
    return row.isNullAt(1) ? List.of() : row.getList(1);
  }

  private static void logRate(String step, long segments, long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    LOG.info("Computed {} of {} segments in {} s ({} segments/s)", step, segments,
        String.format("%.2f", seconds), String.format("%.0f", segments / Math.max(seconds, 1e-9)));
  }
}
