package org.gqaspark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.gqaspark.testing.RepoPaths;
import org.junit.jupiter.api.Test;

class TokenizeConfigTest {

  private static final String DATASET = """
      name = news, split = test, format = jsonl, paths = ["a.jsonl"]
      source-field = article, target-field = highlights
      max-input-tokens = 512, max-target-tokens = 128
      """;

  private static Config config(String datasets) {
    return ConfigFactory.parseString("tables.root = delta\ntokenize {\n  run-id = r1\n"
        + "  datasets = [" + datasets + "]\n}").resolve();
  }

  private static String errorOf(String datasets) {
    return assertThrows(DataErrors.InvalidSettingException.class,
        () -> TokenizeConfig.read(config(datasets), null)).getMessage();
  }

  @Test
  void shippedConfigParsed() {
    Config root = ConfigFactory.parseFile(RepoPaths.root().resolve("conf/tokenize.conf")
        .toFile()).resolve();

    TokenizeSettings settings = TokenizeConfig.read(root, "tokenize-1");

    assertEquals("tokenize-1", settings.runId().value());
    assertEquals("delta", settings.tables().root());
    assertEquals(List.of("scitldr/train", "scitldr/dev", "scitldr/test", "tatoeba-en-de/test"),
        settings.datasets().stream().map(DatasetSpec::label).toList());
    assertEquals("pipeline/src/test/resources/t5/spiece.model", TokenizeConfig.vocabulary(root));
    assertEquals(Boolean.TRUE, TokenizeConfig.addDummyPrefix(root));
    DatasetSpec train = settings.datasets().get(0);
    assertEquals("summarize: ", train.taskPrefix());
    assertEquals(new TokenLimits(512, 128, OverLengthPolicy.TRUNCATE), train.limits());
    assertEquals(new CorpusSource.Jsonl(List.of("data/scitldr/train.jsonl.gz"),
        FieldPath.parse("source"), FieldPath.parse("target.0"), FieldPath.parse("paper_id"),
        " ", " "), train.source());
    assertEquals(new CorpusSource.TextPair(
        List.of("data/tatoeba-en-de/tatoeba-test-v2021-08-07.deu-eng.eng.gz"),
        List.of("data/tatoeba-en-de/tatoeba-test-v2021-08-07.deu-eng.deu.gz")),
        settings.datasets().get(3).source());
  }

  @Test
  void rawTextWithoutTargetField() {
    TokenizeSettings settings = TokenizeConfig.read(config("{ name = papers, split = train,"
        + " format = jsonl, paths = [\"p.jsonl\"], source-field = text,"
        + " max-input-tokens = 512, max-target-tokens = 2 }"), null);

    assertEquals(false, settings.datasets().get(0).source().hasTarget());
  }

  @Test
  void defaultsApplied() {
    TokenizeSettings settings = TokenizeConfig.read(config("{" + DATASET + "}"), null);

    assertEquals("r1", settings.runId().value());
    assertEquals(0, settings.partitions());
    assertEquals(new ReadLimits(TokenizeSettings.DEFAULT_MAX_LINE_BYTES,
        TokenizeSettings.DEFAULT_EXCERPT_CHARS), settings.limits());
    DatasetSpec dataset = settings.datasets().get(0);
    assertEquals("", dataset.taskPrefix());
    assertEquals(OverLengthPolicy.REJECT, dataset.limits().overLength());
    assertNull(((CorpusSource.Jsonl) dataset.source()).idField());
  }

  @Test
  void tsvColumnsParsed() {
    TokenizeSettings settings = TokenizeConfig.read(config("""
        { name = ding, split = train, format = tsv, paths = "ding.tsv.gz"
          source-column = 1, target-column = 0, max-input-tokens = 64,
          max-target-tokens = 64 }"""), null);

    assertEquals(new CorpusSource.Tsv(List.of("ding.tsv.gz"), 1, 0, -1),
        settings.datasets().get(0).source());
  }

  @Test
  void unknownFormatRejected() {
    String message = errorOf("{" + DATASET + ", format = csv }");

    assertTrue(message.contains("\"format\" must be jsonl, text-pair or tsv but got \"csv\""),
        message);
    assertTrue(message.contains("String: 4"), message);
  }

  @Test
  void missingPairPathsRejected() {
    String message = errorOf("{" + DATASET + ", format = text-pair }");

    assertTrue(message.contains("\"source-paths\" is required for format text-pair"), message);
  }

  @Test
  void badPolicyRejected() {
    String message = errorOf("{" + DATASET + ", over-length = drop }");

    assertTrue(message.contains("\"over-length\" must be reject or truncate but got \"drop\""),
        message);
  }

  @Test
  void tinyMaximumRejected() {
    String message = errorOf("{" + DATASET + ", max-input-tokens = 1 }");

    assertTrue(message.contains("\"max-input-tokens\" must be at least 2 (one token and EOS)"
        + " but got 1"), message);
  }

  @Test
  void negativeColumnRejected() {
    String message = errorOf("""
        { name = ding, split = train, format = tsv, paths = "d.tsv", source-column = -1,
          target-column = 0, max-input-tokens = 64, max-target-tokens = 64 }""");

    assertTrue(message.contains("\"source-column\" must be a 0-based column index but got -1"),
        message);
  }

  @Test
  void duplicateDatasetRejected() {
    String message = errorOf("{" + DATASET + "}, {" + DATASET + "}");

    assertEquals("Dataset \"news\" split \"test\" is configured twice; give each block its own"
        + " name or split.", message);
  }

  @Test
  void badNameRejected() {
    String message = errorOf("{" + DATASET + ", name = \"cnn dm\" }");

    assertTrue(message.contains("\"name\" must be 1 to 128 letters"), message);
  }

  @Test
  void misspeltTokenizeKeyRejected() {
    Config root = ConfigFactory.parseString("tables.root = delta\ntokenize {\n  run-id = r1\n"
        + "  partitons = 4\n  datasets = [{" + DATASET + "}]\n}");

    var e = assertThrows(DataErrors.InvalidSettingException.class,
        () -> TokenizeConfig.read(root, null));

    assertTrue(e.getMessage().startsWith("Unknown tokenize setting (String: 4): \"partitons\""
        + " is not one of [add-dummy-prefix, datasets, excerpt-chars, max-line-bytes,"
        + " partitions, run-id, vocabulary]."), e.getMessage());
  }

  @Test
  void misspeltDatasetKeyRejected() {
    String message = errorOf("{" + DATASET + ", task-prefx = \"summarize: \" }");

    assertTrue(message.contains("\"task-prefx\" is not one of [format, id-column,"), message);
    assertTrue(message.contains("Correct its spelling or remove it."), message);
  }

  @Test
  void shippedPretrainConfigParsed() {
    Config root = ConfigFactory.parseFile(RepoPaths.root()
        .resolve("conf/tokenize-pretrain.conf").toFile()).resolve();

    TokenizeSettings settings = TokenizeConfig.read(root, "text-1");

    assertEquals(3, settings.datasets().size());
  }

  @Test
  void missingRunIdRejected() {
    Config root = ConfigFactory.parseString("tables.root = delta\ntokenize.datasets = [{"
        + DATASET + "}]");

    var e = assertThrows(DataErrors.InvalidSettingException.class,
        () -> TokenizeConfig.read(root, null));

    assertTrue(e.getMessage().contains("\"tokenize.run-id\" is required"), e.getMessage());
  }
}
