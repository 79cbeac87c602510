package org.gqaspark.evaluation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gqaspark.checkpoint.T5Checkpoints;
import org.gqaspark.generation.GenerationOptions;
import org.gqaspark.generation.GenerationResult;
import org.gqaspark.generation.Generator;
import org.gqaspark.generation.SourceBatch;
import org.gqaspark.model.T5Config;
import org.gqaspark.model.compute.FloatCompute;
import org.gqaspark.spark.SerializableHadoopConfiguration;
import org.gqaspark.tokenizer.Tokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes one partition of examples ({@link DecodedRows#INPUT}) into {@link
 * DecodedRows#OUTPUT}: loads the checkpoint once per task through Hadoop's file system (so
 * s3a works), groups the examples by dataset split, sorts them by input length (then example
 * id, so batches are the same on every run) to pad little, generates batch by batch, and
 * detokenizes the best sequence of each example.
 *
 * <p>Dimensions: B batch size, T_enc longest input of the batch.
 */
final class PartitionDecoder implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(PartitionDecoder.class);
  private static final long PROGRESS_NANOS = 15_000_000_000L;

  private final Broadcast<SerializableHadoopConfiguration> hadoop;
  private final Broadcast<Tokenizer> tokenizer;
  private final String checkpoint;
  private final DecodingSettings decoding;

  PartitionDecoder(Broadcast<SerializableHadoopConfiguration> hadoop,
      Broadcast<Tokenizer> tokenizer, String checkpoint, DecodingSettings decoding) {
    this.hadoop = hadoop;
    this.tokenizer = tokenizer;
    this.checkpoint = checkpoint;
    this.decoding = decoding;
  }

  /** One example to decode. */
  private record Example(String dataset, String split, String id, int[] inputIds,
      String reference) {}

  @Override
  public Iterator<Row> call(Iterator<Row> rows) throws IOException {
    List<Example> examples = new ArrayList<>();
    while (rows.hasNext()) {
      Row row = rows.next();
      List<Integer> ids = row.getList(3);
      examples.add(new Example(row.getString(0), row.getString(1), row.getString(2),
          ids.stream().mapToInt(Integer::intValue).toArray(), row.getString(4)));
    }
    if (examples.isEmpty()) {
      return List.<Row>of().iterator();
    }
    examples.sort(Comparator.comparing(Example::dataset).thenComparing(Example::split)
        .thenComparingInt(e -> e.inputIds().length).thenComparing(Example::id));

    int threads = decoding.threads() > 0 ? decoding.threads() : taskCpus();
    String host = HostDescription.describe();
    List<Row> decoded = new ArrayList<>(examples.size());
    try (FloatCompute compute = FloatCompute.withThreads(threads)) {
      Path dir = new Path(checkpoint);
      long loadStart = System.nanoTime();
      T5Checkpoints.LoadedModel model = T5Checkpoints.load(
          dir.getFileSystem(hadoop.value().get()), dir, compute);
      LOG.info("Task {}: loaded {} in {} s; decoding {} examples in batches of {} on {}.",
          taskId(), dir, String.format("%.1f", (System.nanoTime() - loadStart) / 1e9),
          examples.size(), decoding.batchSize(), compute.description());
      Generator generator = new Generator(model.config(), model.parameters());
      GenerationOptions options = decoding.generationOptions();
      Tokenizer local = tokenizer.value();

      long start = System.nanoTime();
      long lastLog = start;
      int from = 0;
      while (from < examples.size()) {
        int to = batchEnd(examples, from);
        decoded.addAll(decodeBatch(generator, options, local, model.config(),
            examples.subList(from, to), host, compute.description(), threads));
        from = to;
        long now = System.nanoTime();
        if (now - lastLog > PROGRESS_NANOS || from == examples.size()) {
          double seconds = (now - start) / 1e9;
          LOG.info("Task {}: decoded {} of {} examples in {} s ({} examples/s, ETA {} s).",
              taskId(), from, examples.size(), String.format("%.1f", seconds),
              String.format("%.2f", from / seconds),
              String.format("%.0f", (examples.size() - from) * seconds / from));
          lastLog = now;
        }
      }
    }
    return decoded.iterator();
  }

  /** Returns the end of the batch that starts at {@code from}: one dataset split, at most B. */
  private int batchEnd(List<Example> examples, int from) {
    Example first = examples.get(from);
    int to = from + 1;
    while (to < examples.size() && to - from < decoding.batchSize()
        && examples.get(to).dataset().equals(first.dataset())
        && examples.get(to).split().equals(first.split())) {
      to++;
    }
    return to;
  }

  private static List<Row> decodeBatch(Generator generator, GenerationOptions options,
      Tokenizer tokenizer, T5Config config, List<Example> batch, String host,
      String backend, int threads) {
    List<int[]> inputs = new ArrayList<>(batch.size());
    for (Example example : batch) {
      inputs.add(example.inputIds());
    }
    GenerationResult result = generator.generate(SourceBatch.of(inputs, config.padTokenId()),
        options);
    double encoderShare = result.timings().encoderSeconds() / batch.size();
    double decoderShare = result.timings().decoderSeconds() / batch.size();

    List<Row> rows = new ArrayList<>(batch.size());
    for (int b = 0; b < batch.size(); b++) {
      Example example = batch.get(b);
      int[] tokens = result.best(b).tokens();
      rows.add(RowFactory.create(example.dataset(), example.split(), example.id(),
          Detokenizer.text(tokenizer, tokens, config.eosTokenId(), config.padTokenId()),
          example.reference(), example.inputIds().length, tokens.length, encoderShare,
          decoderShare, host, backend, threads));
    }
    return rows;
  }

  private static int taskCpus() {
    TaskContext context = TaskContext.get();
    return context == null ? 1 : Math.max(1, context.cpus());
  }

  private static String taskId() {
    TaskContext context = TaskContext.get();
    return context == null ? "driver" : context.stageId() + "." + context.partitionId();
  }
}
