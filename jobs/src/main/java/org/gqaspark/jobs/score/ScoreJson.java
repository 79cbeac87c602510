package org.gqaspark.jobs.score;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.gqaspark.metrics.CorpusScores;
import org.gqaspark.metrics.PrfInterval;
import org.gqaspark.metrics.PrfScore;
import org.gqaspark.metrics.PythonFormat;
import org.gqaspark.metrics.RougeType;
import org.gqaspark.metrics.ScoreInterval;

/**
 * The JSON objects of {@code gqa score}, laid out as sacreBLEU 2.6.0's {@code --format json}:
 * name, score rounded to the width, signature, the interval when estimated, the verbose
 * score, then every signature field as its own key. ROUGE objects, which sacreBLEU does not
 * have, give F times 100 as the score and the unrounded precision, recall and F beside it.
 */
final class ScoreJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ScoreJson() {}

  static ArrayNode results(CorpusScores scores, int width) {
    ArrayNode results = NODES.arrayNode();
    if (scores.bleu() != null) {
      ObjectNode bleu = scoreObject("BLEU", scores.bleu().score(), scores.bleu().signature(),
          scores.bleuInterval(), width);
      bleu.put("verbose_score", scores.bleu().verbose());
      results.add(withSignatureFields(bleu, scores.bleu().signature()));
    }
    if (scores.chrf() != null) {
      ObjectNode chrf = scoreObject(scores.chrf().name(), scores.chrf().score(),
          scores.chrf().signature(), scores.chrfInterval(), width);
      results.add(withSignatureFields(chrf, scores.chrf().signature()));
    }
    if (scores.rouge() != null) {
      for (Map.Entry<RougeType, PrfScore> entry : scores.rouge().means().entrySet()) {
        PrfScore mean = entry.getValue();
        ObjectNode rouge = scoreObject(entry.getKey().name(), 100 * mean.fmeasure(),
            scores.rouge().signature(), null, width);
        rouge.set("mean", prf(mean));
        PrfInterval interval = scores.rouge().intervals().get(entry.getKey());
        if (interval != null) {
          rouge.set("low", prf(interval.low()));
          rouge.set("mid", prf(interval.mid()));
          rouge.set("high", prf(interval.high()));
        }
        results.add(withSignatureFields(rouge, scores.rouge().signature()));
      }
    }
    return results;
  }

  private static ObjectNode scoreObject(String name, double score, String signature,
      ScoreInterval interval, int width) {
    ObjectNode object = NODES.objectNode();
    object.put("name", name);
    object.put("score", PythonFormat.rounded(score, width));
    object.put("signature", signature);
    if (interval != null) {
      String mean = PythonFormat.fixed(interval.mean(), width);
      String halfWidth = PythonFormat.fixed(interval.halfWidth(), width);
      object.put("confidence_mean", Double.parseDouble(mean));
      object.put("confidence_var", Double.parseDouble(halfWidth));
      object.put("confidence", "μ = " + mean + " ± " + halfWidth);
    }
    return object;
  }

  private static ObjectNode withSignatureFields(ObjectNode object, String signature) {
    for (String field : signature.split("\\|")) {
      int colon = field.indexOf(':');
      object.put(field.substring(0, colon), field.substring(colon + 1));
    }
    return object;
  }

  private static ObjectNode prf(PrfScore score) {
    ObjectNode object = NODES.objectNode();
    object.put("precision", score.precision());
    object.put("recall", score.recall());
    object.put("fmeasure", score.fmeasure());
    return object;
  }
}
