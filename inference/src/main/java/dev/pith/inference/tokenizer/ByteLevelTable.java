package dev.pith.inference.tokenizer;

/**
 * GPT-2's byte-level alphabet: every byte is mapped to a printable code point so that BPE vocab entries
 * are strings. The printable ranges map to themselves; the other 68 bytes map to U+0100 upwards, in
 * byte order. Decoding a token is the inverse map applied to each code point of its vocab string.
 */
final class ByteLevelTable {
  /** code point (only below 0x144 are used) -> byte, or -1. */
  private static final int[] CODE_POINT_TO_BYTE = new int[0x144];

  static {
    java.util.Arrays.fill(CODE_POINT_TO_BYTE, -1);
    int next = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      int cp = printable ? b : 0x100 + next++;
      CODE_POINT_TO_BYTE[cp] = b;
    }
  }

  private ByteLevelTable() {}

  /**
   * The bytes a byte-level vocab string stands for, or {@code null} if it contains a code point that is
   * not in the alphabet (then it is not a byte-level token).
   */
  static byte[] decode(String token) {
    byte[] out = new byte[token.length()];
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      int b = c < CODE_POINT_TO_BYTE.length ? CODE_POINT_TO_BYTE[c] : -1;
      if (b < 0) {
        return null;
      }
      out[i] = (byte) b;
    }
    return out;
  }
}
