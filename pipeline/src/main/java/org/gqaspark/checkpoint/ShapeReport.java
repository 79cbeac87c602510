package org.gqaspark.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the tensors of a checkpoint compare with the parameters its config implies.
 *
 * @param mismatches tensors whose shape differs from the config's
 * @param missing parameters of the config that the checkpoint lacks, with their shapes
 * @param unexpected tensors the config does not imply
 * @param aliases aliases of {@code shared.weight} present in the checkpoint (accepted)
 */
public record ShapeReport(
    List<Mismatch> mismatches, Map<String, int[]> missing, List<String> unexpected,
    List<String> aliases) {

  /**
   * A tensor whose shape differs from the config's.
   *
   * @param name tensor name
   * @param expected shape the config implies
   * @param actual shape in the checkpoint
   */
  public record Mismatch(String name, int[] expected, long[] actual) {

    @Override
    public String toString() {
      return "tensor " + name + " has shape " + Arrays.toString(actual)
          + " but the config implies " + Arrays.toString(expected);
    }
  }

  public ShapeReport {
    mismatches = List.copyOf(mismatches);
    missing = Collections.unmodifiableMap(new LinkedHashMap<>(missing));
    unexpected = List.copyOf(unexpected);
    aliases = List.copyOf(aliases);
  }

  public boolean isValid() {
    return mismatches.isEmpty() && missing.isEmpty() && unexpected.isEmpty();
  }

  /** One line per problem: mismatched shapes first, then missing and unexpected tensors. */
  public List<String> problems() {
    List<String> lines = new ArrayList<>();
    for (Mismatch mismatch : mismatches) {
      lines.add(mismatch.toString());
    }
    missing.forEach((name, shape) ->
        lines.add("missing tensor " + name + " of shape " + Arrays.toString(shape)));
    for (String name : unexpected) {
      lines.add("unexpected tensor " + name + ", which the config does not imply");
    }
    return lines;
  }
}
