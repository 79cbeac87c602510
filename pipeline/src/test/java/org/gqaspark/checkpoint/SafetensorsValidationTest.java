package org.gqaspark.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupt and hostile files: each is rejected with a message naming file, tensor and value. */
class SafetensorsValidationTest {

  private static final String REEXPORT = " The file is corrupt, truncated or not written by a"
      + " safetensors writer: download or export it again.";

  @TempDir
  java.nio.file.Path tmp;

  private final FileSystem fs = TestTensors.localFs();

  private java.nio.file.Path file() {
    return tmp.resolve("bad.safetensors");
  }

  private String source() {
    return TestTensors.path(file()).toString();
  }

  private String invalid(String detail) {
    return "Invalid safetensors file " + source() + ": " + detail;
  }

  private String openAndFail() {
    Path path = TestTensors.path(file());
    return assertThrows(InvalidCheckpointException.class,
        () -> SafetensorsFile.open(fs, path)).getMessage();
  }

  private String headerError(String header, int dataBytes) throws Exception {
    TestTensors.writeRaw(file(), header, new byte[dataBytes]);
    return openAndFail();
  }

  private static String entry(String name, String dtype, String shape, String offsets) {
    return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape
        + ",\"data_offsets\":" + offsets + "}";
  }

  @Test
  void fileShorterThanPrefix() throws Exception {
    Files.write(file(), new byte[] {1, 2, 3});

    assertEquals(invalid("the file has 3 bytes, fewer than the 8-byte header length prefix."
        + REEXPORT), openAndFail());
  }

  @Test
  void headerLengthBeyondFile() throws Exception {
    TestTensors.writeRaw(file(), 1000, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]);

    assertEquals(invalid("the header length prefix is 1000 bytes but only 2 bytes follow it."
        + REEXPORT), openAndFail());
  }

  @Test
  void headerLengthAboveLimit() throws Exception {
    TestTensors.writeRaw(file(), -1L, new byte[0], new byte[0]);

    assertEquals(invalid("the header length prefix is 18446744073709551615 bytes, above the"
        + " limit of 100000000 bytes that the reference implementation enforces." + REEXPORT),
        openAndFail());
  }

  @Test
  void headerInvalidUtf8() throws Exception {
    byte[] header = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
    TestTensors.writeRaw(file(), header.length, header, new byte[0]);

    assertEquals(invalid("the header is not valid UTF-8." + REEXPORT), openAndFail());
  }

  @Test
  void headerInvalidJson() throws Exception {
    String message = headerError("{\"a\":{\"dtype\":\"F32\",", 0);

    assertEquals(invalid("the header is not valid JSON at character 20: Unexpected"
        + " end-of-input within/between Object entries." + REEXPORT), message);
  }

  @Test
  void headerNotObject() throws Exception {
    assertEquals(invalid("the header must be a JSON object but starts with \"[1, 2]\"."
        + REEXPORT), headerError("[1, 2]", 0));
  }

  @Test
  void headerTrailingContent() throws Exception {
    assertEquals(invalid("the header has content after its JSON object, at character 3; only"
        + " spaces may pad it." + REEXPORT), headerError("{} {}", 0));
  }

  @Test
  void unknownDtype() throws Exception {
    String header = "{" + entry("w", "F128", "[2]", "[0,32]") + "}";

    assertEquals(invalid("tensor \"w\" has unknown dtype \"F128\"; safetensors types are [BOOL,"
        + " U8, I8, F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64]."
        + REEXPORT), headerError(header, 32));
  }

  @Test
  void dtypeNotString() throws Exception {
    String header = "{\"w\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}}";

    assertEquals(invalid("tensor \"w\": dtype must be a string such as \"F32\" but got 4."
        + REEXPORT), headerError(header, 4));
  }

  @Test
  void negativeDimension() throws Exception {
    String header = "{" + entry("w", "F32", "[2,-1]", "[0,8]") + "}";

    assertEquals(invalid("tensor \"w\": shape must be a list of non-negative integers but got"
        + " [2,-1]." + REEXPORT), headerError(header, 8));
  }

  @Test
  void offsetsNotPair() throws Exception {
    String header = "{" + entry("w", "F32", "[1]", "[0,4,8]") + "}";

    assertEquals(invalid("tensor \"w\": data_offsets must be a list of two non-negative"
        + " integers [begin, end] but got [0,4,8]." + REEXPORT), headerError(header, 8));
  }

  @Test
  void offsetsReversed() throws Exception {
    String header = "{" + entry("w", "F32", "[1]", "[8,4]") + "}";

    assertEquals(invalid("tensor \"w\" has data_offsets [8, 4], whose end comes before its"
        + " begin." + REEXPORT), headerError(header, 8));
  }

  @Test
  void byteLengthNotShapeTimesSize() throws Exception {
    String header = "{" + entry("w", "BF16", "[2,3]", "[0,24]") + "}";

    assertEquals(invalid("tensor \"w\" has data_offsets [0, 24], 24 bytes, but its shape [2, 3]"
        + " of BF16 needs 12 bytes." + REEXPORT), headerError(header, 24));
  }

  @Test
  void shapeOverflow() throws Exception {
    String header = "{" + entry("w", "F32", "[4294967296,4294967296]", "[0,4]") + "}";

    assertEquals(invalid("tensor \"w\" has shape [4294967296, 4294967296], whose byte size"
        + " overflows a 64-bit integer." + REEXPORT), headerError(header, 4));
  }

  @Test
  void overlappingTensors() throws Exception {
    String header = "{" + entry("a", "F32", "[2]", "[0,8]") + ","
        + entry("b", "F32", "[2]", "[4,12]") + "}";

    assertEquals(invalid("tensor \"b\" starts at byte 4 of the data section, inside the"
        + " previous tensor \"a\", which ends at 8; tensors must be stored back to back."
        + REEXPORT), headerError(header, 12));
  }

  @Test
  void gapBetweenTensors() throws Exception {
    String header = "{" + entry("a", "F32", "[1]", "[0,4]") + ","
        + entry("b", "F32", "[1]", "[8,12]") + "}";

    assertEquals(invalid("tensor \"b\" starts at byte 8 of the data section, but the previous"
        + " tensor \"a\" ends at 4, which leaves a gap; tensors must be stored back to back."
        + REEXPORT), headerError(header, 12));
  }

  @Test
  void firstTensorNotAtZero() throws Exception {
    String header = "{" + entry("a", "F32", "[1]", "[4,8]") + "}";

    assertEquals(invalid("tensor \"a\" starts at byte 4 of the data section, but the first"
        + " tensor must start at 0; tensors must be stored back to back." + REEXPORT),
        headerError(header, 8));
  }

  @Test
  void tensorPastEndOfFile() throws Exception {
    String header = "{" + entry("a", "F32", "[4]", "[0,16]") + "}";

    assertEquals(invalid("tensor \"a\" ends at byte 16 of the data section, past its end at"
        + " 8 bytes." + REEXPORT), headerError(header, 8));
  }

  @Test
  void bytesNotCoveredByTensors() throws Exception {
    String header = "{" + entry("a", "F32", "[1]", "[0,4]") + "}";

    assertEquals(invalid("the tensors cover 4 bytes of the data section, but it has 12 bytes;"
        + " every byte must belong to a tensor." + REEXPORT), headerError(header, 12));
  }

  @Test
  void duplicateTensorName() throws Exception {
    String header = "{" + entry("a", "F32", "[1]", "[0,4]") + ","
        + entry("a", "F32", "[1]", "[4,8]") + "}";

    assertEquals(invalid("tensor \"a\" appears twice in the header, so its data is ambiguous."
        + REEXPORT), headerError(header, 8));
  }

  @Test
  void metadataValueNotString() throws Exception {
    String header = "{\"__metadata__\":{\"format\":1}}";

    assertEquals(invalid("__metadata__ must map strings to strings but \"format\" is 1."
        + REEXPORT), headerError(header, 0));
  }

  @Test
  void unreadableDtypeRejectedOnRead() throws Exception {
    TestTensors.writeRaw(file(), "{" + entry("ids", "I64", "[2]", "[0,16]") + "}",
        new byte[16]);
    Path path = TestTensors.path(file());

    String message;
    try (SafetensorsFile in = SafetensorsFile.open(fs, path)) {
      message = assertThrows(InvalidCheckpointException.class, () -> in.read("ids"))
          .getMessage();
    }

    assertEquals(invalid("tensor \"ids\" has dtype I64, which cannot be read as floats; only"
        + " F32, BF16 and F16 can. Convert the checkpoint to one of them."), message);
  }

  @Test
  void unknownTensorRejectedOnRead() throws Exception {
    TestTensors.writeRaw(file(), "{" + entry("w", "F32", "[1]", "[0,4]") + "}", new byte[4]);
    Path path = TestTensors.path(file());

    String message;
    try (SafetensorsFile in = SafetensorsFile.open(fs, path)) {
      message = assertThrows(InvalidCheckpointException.class, () -> in.read("v"))
          .getMessage();
    }

    assertEquals(invalid("there is no tensor \"v\" among its 1 tensors. Check the name with"
        + " `gqa checkpoint inspect`."), message);
  }

  @Test
  void paddedHeaderAccepted() throws Exception {
    TestTensors.writeRaw(file(), "{" + entry("w", "F32", "[1]", "[0,4]") + "}      ",
        new byte[] {0, 0, (byte) 0x80, 0x3F});

    FloatTensor tensor;
    try (SafetensorsFile in = SafetensorsFile.open(fs, TestTensors.path(file()))) {
      tensor = in.read("w");
    }

    assertEquals(1.0f, tensor.data()[0]);
  }
}
