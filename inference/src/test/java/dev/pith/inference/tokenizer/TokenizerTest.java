package dev.pith.inference.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Rust Hugging Face tokenizer (through DJL) against the generator's independent Python encoder: the
 * two must agree on every reference string.
 */
class TokenizerTest {
  private static Tokenizer tokenizer;

  @BeforeAll
  static void load() throws ModelLoadException {
    tokenizer = Tokenizer.load(TestModels.GENAI);
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  @Test
  void encodesLikeTheReferenceEncoder() {
    for (JsonNode c : TestModels.reference().path("tokenizer")) {
      String text = c.path("text").asText();
      assertArrayEquals(TestModels.ints(c.path("ids")), tokenizer.encode(text), text);
    }
  }

  @Test
  void decodesLikeTheReferenceDecoderSkippingSpecialTokens() {
    for (JsonNode c : TestModels.reference().path("tokenizer")) {
      int[] ids = TestModels.ints(c.path("ids"));
      assertEquals(c.path("decoded_skip_special").asText(), tokenizer.decode(ids), c.path("text").asText());
    }
  }

  @Test
  void specialTokensWrittenInTextAreSingleTokens() {
    int imStart = tokenizer.tokenId("<|im_start|>").orElseThrow();
    int[] ids = tokenizer.encode("<|im_start|>user\nhi");
    assertEquals(imStart, ids[0]);
    assertTrue(tokenizer.isSpecial(imStart));
  }

  @Test
  void streamNeverSplitsACharacter() {
    String text = "Héllo 🙂👍🏽 naïve 中文测试 — ok";
    int[] ids = tokenizer.encode(text);
    TokenizerStream stream = tokenizer.stream();
    List<String> pieces = new ArrayList<>();
    for (int id : ids) {
      pieces.add(stream.next(id));
    }
    pieces.add(stream.flush());
    assertEquals(text, String.join("", pieces));
    for (String p : pieces) {
      assertFalse(p.contains("\uFFFD"), () -> "piece with a broken character: " + pieces);
      assertFalse(!p.isEmpty() && Character.isLowSurrogate(p.charAt(0)), "piece starts inside a surrogate pair");
    }
    assertTrue(pieces.stream().filter(String::isEmpty).count() > 1,
        "the test text must have characters split across tokens: " + pieces);
  }

  @Test
  void streamGivesTheSameTextAsOneDecodeForInvalidBytes() {
    // The reference chat answer of the random model contains byte sequences that are not UTF-8.
    JsonNode chat = TestModels.reference().path("chat");
    int[] ids = TestModels.expectedGreedy(chat.path("greedy_ids"));
    TokenizerStream stream = tokenizer.stream();
    StringBuilder out = new StringBuilder();
    for (int id : ids) {
      out.append(stream.next(id));
    }
    out.append(stream.flush());
    assertEquals(chat.path("decoded_text").asText(), out.toString());
    assertEquals(tokenizer.decode(ids), out.toString());
  }

  @Test
  void streamForTokenizersWithoutByteLevelDecoderMatchesOneDecode(@TempDir Path dir) throws Exception {
    // Without a ByteLevel decoder there is no byte table: the stream re-decodes (the fallback path).
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
        TestModels.GENAI.resolve("tokenizer.json").toFile());
    root.putNull("decoder");
    json.writeValue(dir.resolve("tokenizer.json").toFile(), root);
    try (Tokenizer plain = Tokenizer.load(dir)) {
      int[] ids = plain.encode("line one\nline two, naïve 🙂\nend");
      TokenizerStream stream = plain.stream();
      assertTrue(stream instanceof TokenizerStream.Redecoding);
      StringBuilder out = new StringBuilder();
      for (int id : ids) {
        out.append(stream.next(id));
      }
      out.append(stream.flush());
      assertEquals(plain.decode(ids), out.toString());
    }
  }

  @Test
  void missingTokenizerIsOneClearLine(@TempDir Path dir) {
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> Tokenizer.load(dir));
    assertEquals(dir + ": tokenizer.json is missing", e.getMessage());
  }

  @Test
  void brokenTokenizerJsonIsOneClearLine(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"BPE\", ");
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> Tokenizer.load(dir));
    assertTrue(e.getMessage().startsWith(dir.resolve("tokenizer.json") + " is not valid JSON"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }
}
