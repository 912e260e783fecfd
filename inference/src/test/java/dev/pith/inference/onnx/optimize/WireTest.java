package dev.pith.inference.onnx.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.inference.onnx.optimize.Wire.Field;
import dev.pith.inference.onnx.optimize.Wire.MalformedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protobuf wire format: what Pieces writes, Wire reads back; malformed input is one clear error. */
class WireTest {
  @TempDir Path tmp;

  @Test
  void varintsRoundTrip() throws Exception {
    long[] values = {0, 1, 127, 128, 300, 16_383, 16_384, Integer.MAX_VALUE, Long.MAX_VALUE, -1};
    Pieces out = new Pieces();
    for (long v : values) {
      out.varintField(3, v);
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes(out));
    List<Field> fields = Wire.fields(buf, 0, buf.limit());
    assertEquals(values.length, fields.size());
    for (int i = 0; i < values.length; i++) {
      assertEquals(3, fields.get(i).number());
      assertEquals(values[i], fields.get(i).varint(buf));
    }
    assertEquals(1 + 10, fields.get(values.length - 1).length(), "negative int64 takes ten bytes");
  }

  @Test
  void nestedMessagesAndFixedFieldsAreLocated() throws Exception {
    Pieces inner = new Pieces().stringField(1, "héllo").varintField(2, 7);
    Pieces clean = new Pieces().messageField(5, inner).tag(6, Wire.FIXED32);
    for (int i = 0; i < 4; i++) {
      clean.varint(i + 1);
    }
    clean.tag(7, Wire.FIXED64);
    for (int i = 0; i < 8; i++) {
      clean.varint(0x10 + i);
    }
    clean.stringField(9, "end");
    byte[] bytes = bytes(clean);
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    List<Field> fields = Wire.fields(buf, 0, buf.limit());
    assertEquals(List.of(5, 6, 7, 9), fields.stream().map(Field::number).toList());
    List<Field> innerFields = fields.get(0).fields(buf);
    assertEquals("héllo", innerFields.get(0).string(buf));
    assertEquals(7, innerFields.get(1).varint(buf));
    assertEquals("end", fields.get(3).string(buf));
    assertEquals(bytes.length, fields.get(3).end());
  }

  @Test
  void truncatedLengthIsRefused() throws Exception {
    byte[] whole = bytes(new Pieces().stringField(1, "a string of some length"));
    ByteBuffer cut = ByteBuffer.wrap(java.util.Arrays.copyOf(whole, whole.length - 3));
    MalformedException e = assertThrows(MalformedException.class, () -> Wire.fields(cut, 0, cut.limit()));
    assertEquals("field 1 at byte 0 claims 23 bytes but only 20 remain (truncated?)", e.getMessage());
  }

  @Test
  void unfinishedVarintIsRefused() {
    ByteBuffer buf = ByteBuffer.wrap(new byte[] {0x08, (byte) 0x80, (byte) 0x80});
    MalformedException e = assertThrows(MalformedException.class, () -> Wire.fields(buf, 0, buf.limit()));
    assertTrue(e.getMessage().contains("runs past the end"), e.getMessage());
  }

  @Test
  void groupsAndFieldZeroAreRefused() {
    ByteBuffer group = ByteBuffer.wrap(new byte[] {0x0b, 0x0c});
    assertEquals("unsupported wire type 3 at byte 0",
        assertThrows(MalformedException.class, () -> Wire.fields(group, 0, 2)).getMessage());
    ByteBuffer zero = ByteBuffer.wrap(new byte[] {0x00, 0x01});
    assertEquals("invalid field number at byte 0",
        assertThrows(MalformedException.class, () -> Wire.fields(zero, 0, 2)).getMessage());
  }

  @Test
  void sourceRangesAreCopiedVerbatim() throws Exception {
    Path source = tmp.resolve("source.bin");
    byte[] sourceBytes = bytes(new Pieces().stringField(1, "first").stringField(2, "second").stringField(3, "third"));
    Files.write(source, sourceBytes);
    ByteBuffer buf = ByteBuffer.wrap(sourceBytes);
    List<Field> fields = Wire.fields(buf, 0, buf.limit());
    Pieces edited = new Pieces().copy(fields.get(0)).stringField(2, "replaced").copy(fields.get(2));
    Path target = tmp.resolve("target.bin");
    try (FileChannel from = FileChannel.open(source); FileChannel to = FileChannel.open(target,
        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      edited.writeTo(from, to);
    }
    byte[] expected = bytes(new Pieces().stringField(1, "first").stringField(2, "replaced").stringField(3, "third"));
    assertArrayEquals(expected, Files.readAllBytes(target));
    assertEquals(expected.length, edited.length());
  }

  /** Encodes pieces that hold only new bytes. */
  static byte[] bytes(Pieces pieces) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pieces.writeTo(null, Channels.newChannel(out));
    return out.toByteArray();
  }
}
