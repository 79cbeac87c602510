package org.gqaspark.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The double-array trie against a hash map, on random keys over a small alphabet. */
class ByteTrieTest {

  private static final long SEED = 20240517L;

  @Test
  void lookupsMatchHashMap() {
    Random random = new Random(SEED);
    Map<String, Integer> keys = randomKeys(random, 5000);
    ByteTrie trie = build(keys);

    int mismatches = 0;
    for (int i = 0; i < 20_000; i++) {
      String probe = randomString(random, 1 + random.nextInt(8));
      int expected = keys.getOrDefault(probe, ByteTrie.NO_VALUE);
      if (trie.get(probe.getBytes(StandardCharsets.UTF_8)) != expected) {
        mismatches++;
      }
    }

    assertEquals(0, mismatches);
  }

  @Test
  void longestPrefixMatchesHashMap() {
    Random random = new Random(SEED + 1);
    Map<String, Integer> keys = randomKeys(random, 2000);
    ByteTrie trie = build(keys);

    int mismatches = 0;
    for (int i = 0; i < 5000; i++) {
      byte[] text = randomString(random, 12).getBytes(StandardCharsets.UTF_8);
      int expected = 0;
      for (int length = 1; length <= text.length; length++) {
        if (keys.containsKey(new String(text, 0, length, StandardCharsets.UTF_8))) {
          expected = length;
        }
      }
      if (trie.longestPrefix(text, 0, text.length) != expected) {
        mismatches++;
      }
    }

    assertEquals(0, mismatches);
  }

  @Test
  void everyKeyIsFound() {
    Map<String, Integer> keys = randomKeys(new Random(SEED + 2), 3000);
    ByteTrie trie = build(keys);

    int missing = 0;
    for (Map.Entry<String, Integer> entry : keys.entrySet()) {
      if (trie.get(entry.getKey().getBytes(StandardCharsets.UTF_8)) != entry.getValue()) {
        missing++;
      }
    }

    assertEquals(0, missing);
  }

  private static ByteTrie build(Map<String, Integer> keys) {
    List<byte[]> bytes = new ArrayList<>();
    int[] values = new int[keys.size()];
    int i = 0;
    for (Map.Entry<String, Integer> entry : keys.entrySet()) {
      bytes.add(entry.getKey().getBytes(StandardCharsets.UTF_8));
      values[i++] = entry.getValue();
    }
    return ByteTrie.build(bytes.toArray(new byte[0][]), values);
  }

  private static Map<String, Integer> randomKeys(Random random, int count) {
    Map<String, Integer> keys = new HashMap<>();
    while (keys.size() < count) {
      keys.putIfAbsent(randomString(random, 1 + random.nextInt(6)), keys.size());
    }
    return keys;
  }

  /** Letters, a two-byte and a three-byte character, so that keys share UTF-8 prefixes. */
  private static String randomString(Random random, int length) {
    String alphabet = "abcde\u00e9\u2581";
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
