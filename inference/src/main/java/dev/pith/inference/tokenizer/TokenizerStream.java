package dev.pith.inference.tokenizer;

/**
 * Decodes one token at a time into text pieces that never split a character: bytes of a character
 * split across tokens are held back until it is complete. Concatenating every piece and {@link #flush()}
 * gives the same text as decoding all ids at once. One stream per answer; not thread-safe.
 */
public abstract sealed class TokenizerStream {

  /** Adds one generated token and returns the text it completes (possibly empty). */
  public abstract String next(int tokenId);

  /** Returns anything still held back (an incomplete character becomes U+FFFD). */
  public abstract String flush();

  /** Byte-level tokenizers: each token's bytes come from a table, no re-decoding. */
  static final class ByteLevel extends TokenizerStream {
    private final Tokenizer tokenizer;
    private final Utf8Assembler utf8 = new Utf8Assembler();

    ByteLevel(Tokenizer tokenizer) {
      this.tokenizer = tokenizer;
    }

    @Override
    public String next(int tokenId) {
      return utf8.append(tokenizer.bytesOf(tokenId));
    }

    @Override
    public String flush() {
      return utf8.flush();
    }
  }

  /**
   * Other tokenizers (e.g. SentencePiece-style Metaspace): re-decode the ids since the last line
   * break and emit the new suffix once it no longer ends in an incomplete character.
   */
  static final class Redecoding extends TokenizerStream {
    private static final char REPLACEMENT = '\uFFFD';
    private final Tokenizer tokenizer;
    private int[] window = new int[16];
    private int count;
    private int emitted;

    Redecoding(Tokenizer tokenizer) {
      this.tokenizer = tokenizer;
    }

    @Override
    public String next(int tokenId) {
      if (count == window.length) {
        window = java.util.Arrays.copyOf(window, count * 2);
      }
      window[count++] = tokenId;
      String text = tokenizer.decode(java.util.Arrays.copyOf(window, count));
      if (text.isEmpty() || text.charAt(text.length() - 1) == REPLACEMENT || text.length() < emitted) {
        return "";
      }
      String piece = text.substring(emitted);
      emitted = text.length();
      if (text.charAt(text.length() - 1) == '\n') {
        // A line is complete: start a new window so re-decoding stays short (as HF's TextStreamer does).
        count = 0;
        emitted = 0;
      }
      return piece;
    }

    @Override
    public String flush() {
      String text = tokenizer.decode(java.util.Arrays.copyOf(window, count));
      String rest = text.length() > emitted ? text.substring(emitted) : "";
      count = 0;
      emitted = 0;
      return rest;
    }
  }
}
