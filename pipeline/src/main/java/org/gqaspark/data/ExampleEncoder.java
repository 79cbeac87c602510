package org.gqaspark.data;

import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.gqaspark.tokenizer.Tokenizer;

/**
 * Turns a partition of staged rows into outcome rows: records become examples or rejects,
 * rejects and counts pass through. The partition arrives sorted by dataset, split, example
 * id, file and line, so records with the same id are adjacent: the first (by file and line)
 * becomes an example and the others are rejected with {@link RejectReason#DUPLICATE_ID}.
 */
final class ExampleEncoder implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final Broadcast<Tokenizer> tokenizer;
  private final Map<String, DatasetSpec> datasets;
  private final int excerptChars;

  /** @param datasets the dataset specs by {@link DatasetSpec#label()} */
  ExampleEncoder(Broadcast<Tokenizer> tokenizer, Map<String, DatasetSpec> datasets,
      int excerptChars) {
    this.tokenizer = tokenizer;
    this.datasets = Map.copyOf(datasets);
    this.excerptChars = excerptChars;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> staged) {
    Tokenizer local = tokenizer.value();
    return new Iterator<>() {
      private String keptKey;
      private String keptPlace;

      @Override
      public boolean hasNext() {
        return staged.hasNext();
      }

      @Override
      public Row next() {
        Row row = staged.next();
        if (!TokenizeRows.RECORD.equals(row.getString(0))) {
          return TokenizeRows.passThrough(row);
        }
        String key = row.getString(1) + "/" + row.getString(2) + "/" + row.getString(4);
        String place = row.getString(5) + ":" + row.getLong(7);
        if (Objects.equals(key, keptKey)) {
          return TokenizeRows.reject(row, RejectReason.DUPLICATE_ID, "example id \""
              + row.getString(4) + "\" is also at " + keptPlace + ", which is kept",
              excerpt(row.getString(8)), false);
        }
        keptKey = key;
        keptPlace = place;
        return encode(local, row);
      }
    };
  }

  private Row encode(Tokenizer local, Row row) {
    DatasetSpec dataset = datasets.get(row.getString(1) + "/" + row.getString(2));
    ExampleBuilder.Result result =
        ExampleBuilder.build(local, dataset, row.getString(8), row.getString(9));
    if (result.reason() != null) {
      return TokenizeRows.reject(row, result.reason(), result.message(),
          excerpt(result.rejectedText()), result.targetAtFault());
    }
    return TokenizeRows.example(row, dataset.taskPrefix(), dataset.source().hasTarget(),
        result);
  }

  private String excerpt(String text) {
    return Texts.excerpt(text, excerptChars);
  }
}
