package dev.pith.inference.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.OneLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A Hugging Face tokenizer loaded from {@code tokenizer.json}. Encoding and decoding use the Hugging Face
 * {@code tokenizers} library itself (through DJL), so normalizers, pre-tokenizers, BPE merges and
 * added/special tokens behave exactly as in Python. For streaming, byte-level tokenizers also get a
 * table of each token's bytes, so a {@link TokenizerStream} can emit text token by token without
 * re-decoding.
 */
public final class Tokenizer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    NativeLibraryPolicy.apply();
  }

  private final HuggingFaceTokenizer hf;
  private final Map<String, Integer> ids;
  private final boolean[] special;
  /** Per token id: the bytes it decodes to (empty for special tokens); null when not byte-level. */
  private final byte[][] tokenBytes;
  private volatile boolean closed;

  private Tokenizer(HuggingFaceTokenizer hf, Map<String, Integer> ids, boolean[] special, byte[][] tokenBytes) {
    this.hf = hf;
    this.ids = ids;
    this.special = special;
    this.tokenBytes = tokenBytes;
  }

  /**
   * Loads {@code tokenizer.json} from a model folder.
   *
   * @throws ModelLoadException when the file is missing or not a tokenizer the library can read
   */
  public static Tokenizer load(Path modelDir) throws ModelLoadException {
    Path file = modelDir.resolve("tokenizer.json");
    if (!Files.isRegularFile(file)) {
      throw new ModelLoadException(modelDir + ": tokenizer.json is missing");
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new ModelLoadException(file + " is not valid JSON: " + OneLine.of(e.getMessage()), e);
    }
    if (root == null || !root.path("model").isObject()) {
      throw new ModelLoadException(file + " is not a Hugging Face tokenizer (no \"model\" section)");
    }
    Map<String, Integer> ids = new HashMap<>();
    root.path("model").path("vocab").fields().forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asInt()));
    int size = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    for (JsonNode added : root.path("added_tokens")) {
      size = Math.max(size, added.path("id").asInt() + 1);
    }
    boolean[] special = new boolean[size];
    Map<Integer, String> addedContent = new HashMap<>();
    for (JsonNode added : root.path("added_tokens")) {
      int id = added.path("id").asInt();
      String content = added.path("content").asText();
      ids.put(content, id);
      addedContent.put(id, content);
      special[id] = added.path("special").asBoolean(false);
    }
    byte[][] bytes = isByteLevel(root) ? byteTable(ids, addedContent, special, size) : null;
    HuggingFaceTokenizer hf;
    try {
      hf = HuggingFaceTokenizer.newInstance(
          file, Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException(file + " could not be loaded: " + OneLine.of(e.getMessage()), e);
    }
    return new Tokenizer(hf, Map.copyOf(ids), special, bytes);
  }

  /** Encodes text without adding special tokens; special tokens written in the text are recognized. */
  public int[] encode(String text) {
    return toInts(checkOpen().encode(text, false, false).getIds());
  }

  /** Encodes text the way the tokenizer's post-processor wants for a plain input (BOS etc. if any). */
  public int[] encodeWithSpecialTokens(String text) {
    return toInts(checkOpen().encode(text, true, false).getIds());
  }

  /** Decodes ids to text, leaving out special tokens. */
  public String decode(int[] tokenIds) {
    long[] longs = new long[tokenIds.length];
    for (int i = 0; i < tokenIds.length; i++) {
      longs[i] = tokenIds[i];
    }
    return checkOpen().decode(longs, true);
  }

  /** A fresh incremental decoder for one answer. */
  public TokenizerStream stream() {
    return tokenBytes != null ? new TokenizerStream.ByteLevel(this) : new TokenizerStream.Redecoding(this);
  }

  /** The id of a token given by its exact content (vocab entry or added token). */
  public OptionalInt tokenId(String content) {
    Integer id = ids.get(content);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  /** Whether the id is a special added token (left out of decoded text). */
  public boolean isSpecial(int tokenId) {
    return tokenId >= 0 && tokenId < special.length && special[tokenId];
  }

  /** The bytes of a token for byte-level tokenizers (empty for special or unknown ids). */
  byte[] bytesOf(int tokenId) {
    if (tokenId < 0 || tokenId >= tokenBytes.length || tokenBytes[tokenId] == null) {
      return new byte[0];
    }
    return tokenBytes[tokenId];
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      hf.close();
    }
  }

  private HuggingFaceTokenizer checkOpen() {
    if (closed) {
      throw new IllegalStateException("tokenizer is closed");
    }
    return hf;
  }

  private static boolean isByteLevel(JsonNode root) {
    JsonNode decoder = root.path("decoder");
    if ("ByteLevel".equals(decoder.path("type").asText())) {
      return true;
    }
    if ("Sequence".equals(decoder.path("type").asText())) {
      for (JsonNode d : decoder.path("decoders")) {
        if ("ByteLevel".equals(d.path("type").asText())) {
          return true;
        }
      }
    }
    return false;
  }

  private static byte[][] byteTable(
      Map<String, Integer> ids, Map<Integer, String> addedContent, boolean[] special, int size) {
    byte[][] table = new byte[size][];
    for (Map.Entry<String, Integer> e : ids.entrySet()) {
      int id = e.getValue();
      if (!addedContent.containsKey(id)) {
        table[id] = ByteLevelTable.decode(e.getKey());
      }
    }
    for (Map.Entry<Integer, String> e : addedContent.entrySet()) {
      // Added tokens are not byte-level encoded: their content is the text itself.
      table[e.getKey()] = special[e.getKey()]
          ? new byte[0]
          : e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    return table;
  }

  private static int[] toInts(long[] longs) {
    int[] out = new int[longs.length];
    for (int i = 0; i < longs.length; i++) {
      out[i] = Math.toIntExact(longs[i]);
    }
    return out;
  }

}
