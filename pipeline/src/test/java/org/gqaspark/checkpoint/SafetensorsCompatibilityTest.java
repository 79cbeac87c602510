package org.gqaspark.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/**
 * Reads files laid out as the reference safetensors writer lays them out (made by
 * {@code pipeline/src/test/python/make_safetensors_fixtures.py}), and checks that this
 * writer reproduces them byte for byte.
 */
class SafetensorsCompatibilityTest {

  private final FileSystem fs = TestTensors.localFs();

  private static java.nio.file.Path fixture(String name) throws URISyntaxException {
    return java.nio.file.Path.of(SafetensorsCompatibilityTest.class
        .getResource("/checkpoint/" + name).toURI());
  }

  private Map<String, FloatTensor> readAll(String name) throws Exception {
    try (SafetensorsFile file = SafetensorsFile.open(fs, TestTensors.path(fixture(name)))) {
      return file.readAll();
    }
  }

  @Test
  void mixedFixtureHeader() throws Exception {
    SafetensorsHeader header = SafetensorsFile.readHeader(fs,
        TestTensors.path(fixture("reference_mixed.safetensors")));

    assertEquals(Map.of("format", "pt"), header.metadata());
    assertEquals(List.of("empty", "f32.matrix", "f32.scalar", "bf16.values", "f16.values"),
        header.entries().stream().map(TensorEntry::name).toList());
    assertEquals(DType.F16, header.byName().get("f16.values").dtype());
    assertEquals(64, header.dataLength());
  }

  @Test
  void mixedFixtureF32() throws Exception {
    Map<String, FloatTensor> tensors = readAll("reference_mixed.safetensors");

    FloatTensor matrix = tensors.get("f32.matrix");
    assertArrayEquals(new int[] {2, 3}, matrix.shape());
    assertArrayEquals(new float[] {0.0f, -0.0f, 1.5f, -2.25f, Float.MAX_VALUE,
        Float.MIN_VALUE}, matrix.data());
    assertArrayEquals(new int[0], tensors.get("f32.scalar").shape());
    assertArrayEquals(new float[] {7.0f}, tensors.get("f32.scalar").data());
    assertArrayEquals(new int[] {0, 4}, tensors.get("empty").shape());
  }

  @Test
  void mixedFixtureBf16() throws Exception {
    float[] values = readAll("reference_mixed.safetensors").get("bf16.values").data();

    assertArrayEquals(new float[] {1.0f, -2.0f, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NaN, -0.0f, 0x1.0p-133f, 1.0078125f}, values);
  }

  @Test
  void mixedFixtureF16() throws Exception {
    float[] values = readAll("reference_mixed.safetensors").get("f16.values").data();

    assertArrayEquals(new float[] {1.0f, -2.0f, 65504.0f, 0x1.0p-24f, 1023 * 0x1.0p-24f,
        0x1.0p-14f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, -0.0f},
        values);
    assertTrue(Float.isNaN(values[8]));
  }

  @Test
  void writerReproducesF32Fixture() throws Exception {
    java.nio.file.Path path = fixture("reference_f32.safetensors");
    Map<String, FloatTensor> tensors = readAll("reference_f32.safetensors");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    SafetensorsWriter.write(out, tensors, DType.F32, Map.of("format", "pt"), "memory");

    assertArrayEquals(Files.readAllBytes(path), out.toByteArray());
  }

  /** The fixture's bits come from PyTorch's float32 to bfloat16 rounding. */
  @Test
  void writerReproducesPyTorchBf16() throws Exception {
    java.nio.file.Path path = fixture("reference_bf16.safetensors");
    float[] floats = {1.0f + 0x1.0p-8f, 1.0f + 3 * 0x1.0p-8f, -3.14159265f, 1.0e-40f,
        3.4028235e38f, 65504.0f};
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    SafetensorsWriter.write(out, Map.of("rounded", new FloatTensor(new int[] {2, 3}, floats)),
        DType.BF16, Map.of("format", "pt"), "memory");

    assertArrayEquals(Files.readAllBytes(path), out.toByteArray());
  }
}
