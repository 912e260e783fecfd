package dev.pith.inference.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a stream of byte chunks into text without ever splitting a character: the bytes of a UTF-8
 * sequence that is still incomplete at the end of a chunk are held back until the rest arrives. Bytes
 * that can never form a character become U+FFFD, as in a one-shot decode of the whole stream.
 */
final class Utf8Assembler {
  private byte[] buf = new byte[64];
  private int len;

  /** Appends bytes and returns the text that is now complete (possibly empty). */
  String append(byte[] bytes) {
    ensure(len + bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
    int complete = completePrefix();
    return take(complete);
  }

  /** Returns whatever is held back, decoded (incomplete sequences become U+FFFD). */
  String flush() {
    return take(len);
  }

  private String take(int n) {
    if (n == 0) {
      return "";
    }
    String s = new String(buf, 0, n, StandardCharsets.UTF_8);
    System.arraycopy(buf, n, buf, 0, len - n);
    len -= n;
    return s;
  }

  /** Length of the longest prefix that does not end inside a possibly valid, incomplete sequence. */
  private int completePrefix() {
    // Find the last lead byte among the final (at most 4) bytes.
    int start = len - 1;
    while (start >= 0 && start > len - 4 && isContinuation(buf[start])) {
      start--;
    }
    if (start < 0) {
      return len;
    }
    int need = sequenceLength(buf[start]);
    if (need <= 1 || len - start >= need) {
      return len; // ASCII, invalid lead, or a complete sequence: nothing to hold.
    }
    return start; // valid lead, continuation bytes so far, more to come
  }

  private static boolean isContinuation(byte b) {
    return (b & 0xC0) == 0x80;
  }

  private static int sequenceLength(byte lead) {
    int b = lead & 0xFF;
    if (b >= 0xC2 && b <= 0xDF) {
      return 2;
    }
    if (b >= 0xE0 && b <= 0xEF) {
      return 3;
    }
    if (b >= 0xF0 && b <= 0xF4) {
      return 4;
    }
    return 1;
  }

  private void ensure(int capacity) {
    if (capacity > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(capacity, buf.length * 2));
    }
  }
}
