package dev.pith.inference.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.inference.ChatMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudClientPartsTest {
  private static final Map<String, String> ORIGINALS = Map.of("[EMAIL_1]", "ada@example.org", "[NAME_12]", "Ada");

  private static String rehydrate(String text) {
    String out = text;
    for (var e : ORIGINALS.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  @Test
  void placeholdersSplitAcrossPiecesAreRehydratedWhole() {
    String answer = "Write to [EMAIL_1], [NAME_12] said [sic] and [UNKNOWN_3]; a [ bracket.";
    for (int size = 1; size <= answer.length(); size++) {
      List<String> out = new ArrayList<>();
      StreamingRehydrator r = new StreamingRehydrator(CloudClientPartsTest::rehydrate, out::add);
      for (int i = 0; i < answer.length(); i += size) {
        r.accept(answer.substring(i, Math.min(answer.length(), i + size)));
      }
      r.finish();
      assertEquals(rehydrate(answer), String.join("", out), "pieces of " + size);
      assertTrue(out.stream().noneMatch(p -> p.contains("[EMAIL") || p.contains("[NAME")), out.toString());
    }
  }

  @Test
  void theRequestBodyIsAsciiJsonWithStreamOn() {
    byte[] body = OpenAiCompatibleClient.requestBody("m", List.of(ChatMessage.user("Grüße \"x\"\n")));
    String text = new String(body, StandardCharsets.UTF_8);
    assertEquals("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Gr\\u00FC\\u00DFe \\\"x\\\"\\n\"}],"
        + "\"stream\":true}", text);
    assertEquals(text.length(), body.length);
  }

  @Test
  void endpointsAreHttpWithAHostAndNoCredentials() {
    CloudEndpoint e = new CloudEndpoint(CloudEndpoint.parseBaseUrl("https://api.openai.com/v1/"), " gpt-4o-mini ");
    assertEquals(URI.create("https://api.openai.com/v1/chat/completions"), e.chatUrl());
    assertEquals("api.openai.com", e.host());
    assertEquals("gpt-4o-mini", e.model());
    assertEquals("127.0.0.1:8080", new CloudEndpoint(URI.create("http://127.0.0.1:8080/v1"), "m").host());
    assertThrows(IllegalArgumentException.class, () -> CloudEndpoint.parseBaseUrl("ftp://x/v1"));
    assertThrows(IllegalArgumentException.class, () -> CloudEndpoint.parseBaseUrl("https://user:sk-1@x/v1"));
    assertThrows(IllegalArgumentException.class, () -> CloudEndpoint.parseBaseUrl("https://x/v1?key=1"));
    assertThrows(IllegalArgumentException.class, () -> CloudEndpoint.parseBaseUrl("api.openai.com"));
  }
}
