package org.gqaspark.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {

  @TempDir
  java.nio.file.Path tmp;

  private final FileSystem fs = TestTensors.localFs();

  @Test
  void f32RoundTripIsBitExact() throws Exception {
    Random random = new Random(7);
    Map<String, FloatTensor> tensors = new LinkedHashMap<>();
    tensors.put("w", TestTensors.random(random, 5, 3));
    tensors.put("scalar", new FloatTensor(new int[0], new float[] {42.5f}));
    tensors.put("empty", FloatTensor.zeros(0, 7));
    tensors.put("special", new FloatTensor(new int[] {6}, new float[] {
        -0.0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY,
        Float.intBitsToFloat(0x7FC01234), Float.intBitsToFloat(0xFF800001)}));
    Path file = TestTensors.path(tmp.resolve("t.safetensors"));

    SafetensorsWriter.write(fs, file, tensors, DType.F32, Map.of());
    Map<String, FloatTensor> read;
    try (SafetensorsFile in = SafetensorsFile.open(fs, file)) {
      read = in.readAll();
    }

    for (String name : tensors.keySet()) {
      FloatTensor expected = tensors.get(name);
      FloatTensor actual = read.get(name);
      assertArrayEquals(expected.shape(), actual.shape(), name);
      int[] expectedBits = bits(expected.data());
      assertArrayEquals(expectedBits, bits(actual.data()), name);
    }
  }

  @Test
  void bf16RoundTripRoundsOnce() throws Exception {
    float[] values = {1.0f, 1.0f + 0x1.0p-8f, 1.0f + 3 * 0x1.0p-8f, -0.0f, 3.0e38f, 1e-40f};
    Map<String, FloatTensor> tensors = Map.of("x", new FloatTensor(new int[] {2, 3}, values));
    Path file = TestTensors.path(tmp.resolve("b.safetensors"));

    SafetensorsWriter.write(fs, file, tensors, DType.BF16, Map.of());
    SafetensorsHeader header = SafetensorsFile.readHeader(fs, file);
    FloatTensor read;
    try (SafetensorsFile in = SafetensorsFile.open(fs, file)) {
      read = in.read("x");
    }

    assertEquals(DType.BF16, header.entries().get(0).dtype());
    assertEquals(12, header.entries().get(0).byteLength());
    float[] expected = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      expected[i] = HalfPrecision.bf16ToFloat(HalfPrecision.floatToBf16(values[i]));
    }
    assertArrayEquals(expected, read.data());
    assertEquals(1.015625f, read.data()[2]);
  }

  @Test
  void largeTensorCrossesChunks() throws Exception {
    int elements = TensorCodec.CHUNK_BYTES / 4 * 2 + 3;
    FloatTensor tensor = TestTensors.random(new Random(3), elements);
    Path file = TestTensors.path(tmp.resolve("big.safetensors"));

    SafetensorsWriter.write(fs, file, Map.of("big", tensor), DType.F32, Map.of());
    FloatTensor read;
    try (SafetensorsFile in = SafetensorsFile.open(fs, file)) {
      read = in.read("big");
    }

    assertEquals(tensor, read);
  }

  /** The layout of the reference implementation's own serialisation test, byte for byte. */
  @Test
  void writerMatchesReferenceLayout() throws Exception {
    float[] values = {0, 1, 2, 3, 4, 5};
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    SafetensorsWriter.write(out, Map.of("attn0", new FloatTensor(new int[] {1, 1, 2, 3},
        values)), DType.F32, Map.of(), "memory");

    byte[] bytes = out.toByteArray();
    String json = "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}";
    assertEquals(65, json.length());
    assertEquals(72, bytes[0]);
    assertEquals(json + "       ", new String(bytes, 8, 72, StandardCharsets.UTF_8));
    assertEquals(8 + 72 + 24, bytes.length);
  }

  @Test
  void writerOmitsEmptyMetadataAndPads() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    SafetensorsWriter.write(out, Map.of(), DType.F32, Map.of("framework", "pt"), "memory");

    byte[] bytes = out.toByteArray();
    assertEquals(40, bytes[0]);
    assertEquals("{\"__metadata__\":{\"framework\":\"pt\"}}     ",
        new String(bytes, 8, 40, StandardCharsets.UTF_8));
  }

  @Test
  void writerSortsByName() throws Exception {
    Map<String, FloatTensor> tensors = new LinkedHashMap<>();
    tensors.put("b", FloatTensor.zeros(1));
    tensors.put("a", FloatTensor.zeros(2));
    tensors.put("B", FloatTensor.zeros(3));
    Path file = TestTensors.path(tmp.resolve("s.safetensors"));

    SafetensorsWriter.write(fs, file, tensors, DType.F32, Map.of());

    List<TensorEntry> entries = SafetensorsFile.readHeader(fs, file).entries();
    assertEquals(List.of("B", "a", "b"), entries.stream().map(TensorEntry::name).toList());
    assertEquals(12, entries.get(1).begin());
  }

  @Test
  void readSelectedSeeks() throws Exception {
    Random random = new Random(11);
    Map<String, FloatTensor> tensors = new LinkedHashMap<>();
    for (String name : List.of("a", "b", "c", "d")) {
      tensors.put(name, TestTensors.random(random, 4, 4));
    }
    Path file = TestTensors.path(tmp.resolve("sel.safetensors"));
    SafetensorsWriter.write(fs, file, tensors, DType.F32, Map.of());

    Map<String, FloatTensor> read;
    try (SafetensorsFile in = SafetensorsFile.open(fs, file)) {
      read = in.read(List.of("d", "b"));
    }

    assertEquals(List.of("b", "d"), List.copyOf(read.keySet()));
    assertEquals(tensors.get("d"), read.get("d"));
    assertEquals(tensors.get("b"), read.get("b"));
  }

  @Test
  void writtenFileRecordMatchesDisk() throws Exception {
    Path file = TestTensors.path(tmp.resolve("r.safetensors"));

    WrittenFile record = SafetensorsWriter.write(fs, file,
        Map.of("x", FloatTensor.zeros(3, 3)), DType.F32, Map.of());

    assertEquals(Files.size(tmp.resolve("r.safetensors")), record.bytes());
    assertEquals(StorageFiles.crc32c(fs, file), record.crc32c());
    assertEquals("r.safetensors", record.name());
  }

  private static int[] bits(float[] values) {
    int[] bits = new int[values.length];
    Arrays.setAll(bits, i -> Float.floatToRawIntBits(values[i]));
    return bits;
  }
}
