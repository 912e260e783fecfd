package dev.pith.inference.onnx.optimize;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the protobuf wire format in place: a message is walked into {@link Field}s that only record where
 * each field lies in the buffer, so a 2 GB model with embedded weights is parsed without copying a byte of
 * its tensors. Enough of protobuf for ONNX: varints, fixed32/64 and length-delimited fields. Groups
 * (wire types 3 and 4, unused by onnx.proto) are refused as malformed.
 */
final class Wire {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LEN = 2;
  static final int FIXED32 = 5;

  private Wire() {}

  /** Malformed protobuf: the message says at which byte of the file. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  /**
   * One field of a message.
   *
   * @param number the field number
   * @param wireType one of {@link #VARINT}, {@link #FIXED64}, {@link #LEN}, {@link #FIXED32}
   * @param start offset of the field's tag in the buffer
   * @param valueStart offset of its value (for {@link #LEN}, of the payload after the length)
   * @param end offset just after the field
   */
  record Field(int number, int wireType, int start, int valueStart, int end) {
    int length() {
      return end - start;
    }

    boolean isMessage(int expectedNumber) {
      return number == expectedNumber && wireType == LEN;
    }

    /** The value of a {@link #VARINT} field. */
    long varint(ByteBuffer buf) throws MalformedException {
      if (wireType != VARINT) {
        throw new MalformedException("field " + number + " at byte " + start + " is not a varint");
      }
      return readVarint(buf, new int[] {valueStart}, end);
    }

    /** The payload of a {@link #LEN} field as UTF-8 text (names, op types, domains). */
    String string(ByteBuffer buf) throws MalformedException {
      if (wireType != LEN) {
        throw new MalformedException("field " + number + " at byte " + start + " is not a string");
      }
      byte[] bytes = new byte[end - valueStart];
      buf.get(valueStart, bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The fields of the message this {@link #LEN} field holds. */
    List<Field> fields(ByteBuffer buf) throws MalformedException {
      if (wireType != LEN) {
        throw new MalformedException("field " + number + " at byte " + start + " is not a message");
      }
      return Wire.fields(buf, valueStart, end);
    }
  }

  /**
   * Walks the fields between {@code from} and {@code to}.
   *
   * @throws MalformedException when a tag, varint or length runs past {@code to} or is invalid
   */
  static List<Field> fields(ByteBuffer buf, int from, int to) throws MalformedException {
    List<Field> fields = new ArrayList<>();
    int[] pos = {from};
    while (pos[0] < to) {
      int start = pos[0];
      long tag = readVarint(buf, pos, to);
      int number = (int) (tag >>> 3);
      int wireType = (int) (tag & 7);
      if (number <= 0 || tag >>> 3 > 0x1fffffff) {
        throw new MalformedException("invalid field number at byte " + start);
      }
      int valueStart = pos[0];
      switch (wireType) {
        case VARINT -> readVarint(buf, pos, to);
        case FIXED64 -> skip(pos, 8, to, start);
        case FIXED32 -> skip(pos, 4, to, start);
        case LEN -> {
          long length = readVarint(buf, pos, to);
          if (length < 0 || length > to - pos[0]) {
            throw new MalformedException("field " + number + " at byte " + start + " claims " + length
                + " bytes but only " + (to - pos[0]) + " remain (truncated?)");
          }
          valueStart = pos[0];
          pos[0] += (int) length;
        }
        default -> throw new MalformedException("unsupported wire type " + wireType + " at byte " + start);
      }
      fields.add(new Field(number, wireType, start, valueStart, pos[0]));
    }
    return fields;
  }

  private static void skip(int[] pos, int count, int to, int start) throws MalformedException {
    if (to - pos[0] < count) {
      throw new MalformedException("fixed-size field at byte " + start + " runs past the end (truncated?)");
    }
    pos[0] += count;
  }

  /** Reads a varint at {@code pos[0]} and advances it. */
  static long readVarint(ByteBuffer buf, int[] pos, int to) throws MalformedException {
    long value = 0;
    int start = pos[0];
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= to) {
        throw new MalformedException("varint at byte " + start + " runs past the end (truncated?)");
      }
      byte b = buf.get(pos[0]++);
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new MalformedException("varint at byte " + start + " is longer than 10 bytes");
  }
}
