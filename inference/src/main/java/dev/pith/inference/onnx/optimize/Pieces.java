package dev.pith.inference.onnx.optimize;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Protobuf output as a sequence of pieces: ranges of the source file, copied verbatim when written, and
 * newly encoded bytes. An edited model is the source with a few messages re-encoded around untouched
 * ranges, so its size is known before writing and its weights never pass through the Java heap.
 */
final class Pieces {
  /** A range of the source file, or (when {@code bytes} is not null) new bytes. */
  private record Piece(long offset, long length, byte[] bytes) {}

  private final List<Piece> pieces = new ArrayList<>();
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private long length;

  /** Bytes written so far. */
  long length() {
    return length + pending.size();
  }

  /** Appends a field of the source as it is, tag included. */
  Pieces copy(Wire.Field field) {
    return copy(field.start(), field.length());
  }

  /** Appends a range of the source. */
  Pieces copy(long offset, long count) {
    flush();
    if (count == 0) {
      return this;
    }
    Piece last = pieces.isEmpty() ? null : pieces.get(pieces.size() - 1);
    if (last != null && last.bytes() == null && last.offset() + last.length() == offset) {
      pieces.set(pieces.size() - 1, new Piece(last.offset(), last.length() + count, null));
    } else {
      pieces.add(new Piece(offset, count, null));
    }
    length += count;
    return this;
  }

  Pieces varint(long value) {
    while ((value & ~0x7fL) != 0) {
      pending.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    pending.write((int) value);
    return this;
  }

  Pieces tag(int number, int wireType) {
    return varint(((long) number << 3) | wireType);
  }

  Pieces varintField(int number, long value) {
    return tag(number, Wire.VARINT).varint(value);
  }

  Pieces stringField(int number, String value) {
    return bytesField(number, value.getBytes(StandardCharsets.UTF_8));
  }

  Pieces bytesField(int number, byte[] value) {
    tag(number, Wire.LEN).varint(value.length);
    pending.writeBytes(value);
    return this;
  }

  /** A packed repeated int64 field. */
  Pieces packedField(int number, long... values) {
    Pieces body = new Pieces();
    for (long v : values) {
      body.varint(v);
    }
    return messageField(number, body);
  }

  /** A length-delimited field holding {@code body} (which may itself refer to the source). */
  Pieces messageField(int number, Pieces body) {
    tag(number, Wire.LEN).varint(body.length());
    body.flush();
    flush();
    for (Piece p : body.pieces) {
      if (p.bytes() == null) {
        copy(p.offset(), p.length());
      } else {
        pieces.add(p);
        length += p.length();
      }
    }
    return this;
  }

  private void flush() {
    if (pending.size() > 0) {
      byte[] bytes = pending.toByteArray();
      pending.reset();
      pieces.add(new Piece(-1, bytes.length, bytes));
      length += bytes.length;
    }
  }

  /** Writes everything to {@code target}, copying source ranges from {@code source}. */
  void writeTo(FileChannel source, WritableByteChannel target) throws IOException {
    flush();
    for (Piece p : pieces) {
      if (p.bytes() != null) {
        ByteBuffer buf = ByteBuffer.wrap(p.bytes());
        while (buf.hasRemaining()) {
          target.write(buf);
        }
      } else {
        long done = 0;
        while (done < p.length()) {
          long n = source.transferTo(p.offset() + done, p.length() - done, target);
          if (n <= 0) {
            throw new IOException("the source ended at byte " + (p.offset() + done) + " while copying it");
          }
          done += n;
        }
      }
    }
  }
}
