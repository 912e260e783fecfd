package dev.pith.inference.cloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.inference.CancellationToken;
import dev.pith.inference.ChatMessage;
import dev.pith.inference.OneLine;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Asks an OpenAI-compatible chat API ({@code POST {base}/chat/completions} with {@code "stream": true}) and
 * streams the answer's pieces to a sink as the server-sent events arrive ({@code data: {...}} lines with
 * {@code choices[0].delta.content}, ended by {@code data: [DONE]}). Runs on the caller's thread; cancellable; every
 * failure is a {@link CloudException} with one line that names the host and, mid-answer, how much arrived.
 *
 * <p>Nothing is sent but the body the caller hands over (built with {@link #requestBody}, so the caller can show
 * it and count its bytes first) and the headers {@code Authorization: Bearer <key>}, {@code Content-Type} and
 * {@code Accept}. The key is never logged, never put in a message, and no object here prints it.
 */
public final class OpenAiCompatibleClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CloudEndpoint endpoint;
  private final CloudTimeouts timeouts;
  private final HttpClient http;

  public OpenAiCompatibleClient(CloudEndpoint endpoint, CloudTimeouts timeouts) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    // HTTP/1.1: local OpenAI-compatible servers (llama.cpp, vLLM, ...) do not all know the h2c upgrade.
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeouts.connect())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  public CloudEndpoint endpoint() {
    return endpoint;
  }

  /**
   * The exact request body for {@code messages}: {@code {"model": ..., "messages": [{"role": ..., "content": ...}],
   * "stream": true}} in UTF-8, non-ASCII characters escaped (what is shown is what is sent, byte for byte).
   */
  public static byte[] requestBody(String model, List<ChatMessage> messages) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    ArrayNode list = body.putArray("messages");
    for (ChatMessage m : messages) {
      list.addObject().put("role", m.role().wireName()).put("content", m.content());
    }
    body.put("stream", true);
    try {
      return JSON.writer().with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
          .writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings is always JSON", e);
    }
  }

  /**
   * Posts {@code body} and streams the answer's text pieces to {@code sink} on this thread.
   *
   * @param apiKey sent as {@code Authorization: Bearer <apiKey>}
   * @return the whole answer, or as far as it got when {@code cancel} stopped it (the connection is closed at once)
   * @throws CloudException when the server cannot be reached, refuses, fails, goes silent, or breaks off
   */
  public CloudReply stream(byte[] body, String apiKey, Consumer<String> sink, CancellationToken cancel)
      throws CloudException {
    Objects.requireNonNull(apiKey, "apiKey");
    if (apiKey.isBlank() || apiKey.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
      throw new CloudException(CloudException.Kind.KEY_REFUSED, "the API key is empty or has characters an HTTP "
          + "header cannot carry (spaces, line breaks, non-ASCII); set it again", -1, 0, null);
    }
    HttpRequest request = HttpRequest.newBuilder(endpoint.chatUrl())
        .header("Content-Type", "application/json")
        .header("Accept", "text/event-stream")
        .header("Authorization", "Bearer " + apiKey)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    try (SseExchange exchange = new SseExchange(http, request, endpoint.host(), timeouts, apiKey);
         CancellationToken.Registration hook = cancel.onCancel(exchange::abort)) {
      return read(exchange, sink, cancel);
    }
  }

  private CloudReply read(SseExchange exchange, Consumer<String> sink, CancellationToken cancel)
      throws CloudException {
    StringBuilder text = new StringBuilder();
    StringBuilder plain = new StringBuilder(); // a reply that is not an event stream (a server ignoring "stream")
    String finishReason = null;
    boolean sawData = false;
    for (String line = exchange.next(text.length()); line != null; line = exchange.next(text.length())) {
      if (line.isEmpty() || line.startsWith(":") || line.startsWith("event:") || line.startsWith("id:")
          || line.startsWith("retry:")) {
        continue;
      }
      if (!line.startsWith("data:")) {
        plain.append(line).append('\n');
        continue;
      }
      sawData = true;
      String data = line.substring(5).strip();
      if (data.equals("[DONE]")) {
        return new CloudReply(text.toString(), false, finishReason);
      }
      JsonNode event = exchange.json(data, text.length());
      JsonNode choice = event.path("choices").path(0);
      JsonNode content = choice.path("delta").path("content");
      if (content.isTextual() && !content.asText().isEmpty()) {
        text.append(content.asText());
        sink.accept(content.asText());
      }
      if (choice.path("finish_reason").isTextual()) {
        finishReason = choice.path("finish_reason").asText();
      }
    }
    if (cancel.isCancelled()) {
      return new CloudReply(text.toString(), true, finishReason);
    }
    if (!sawData && !plain.toString().isBlank()) {
      JsonNode whole = exchange.json(plain.toString(), 0);
      JsonNode content = whole.path("choices").path(0).path("message").path("content");
      if (content.isTextual()) {
        sink.accept(content.asText());
        return new CloudReply(content.asText(), false, whole.path("choices").path(0).path("finish_reason")
            .asText(null));
      }
      throw exchange.badReply("a reply without choices[0].message.content: " + OneLine.of(plain.toString()));
    }
    if (finishReason != null) {
      return new CloudReply(text.toString(), false, finishReason); // some servers end without [DONE]
    }
    throw exchange.brokenOff(text.length());
  }
}
