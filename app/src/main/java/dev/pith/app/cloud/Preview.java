package dev.pith.app.cloud;

import dev.pith.inference.ChatMessage;
import dev.pith.inference.cloud.CloudEndpoint;
import dev.pith.inference.privacy.EntityType;
import dev.pith.inference.privacy.PlaceholderMap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What an escalation will send, made by {@link Escalation#prepare}: the messages after sanitizing, where their
 * placeholders are (to highlight them), and the exact request body. {@link #body()} is byte for byte what leaves the
 * machine (besides the HTTP headers: the API key, content type and accepted type); {@link #messages()} is the same
 * text, readable.
 *
 * @param conversationId the conversation
 * @param answerId the answer being escalated
 * @param questionId the question it answered (the audit row names it)
 * @param endpoint where it goes
 * @param turns how many exchanges (a question and what answered it) of the conversation were included
 * @param messages the messages as sent, in order (the first is Pith's fixed instruction)
 * @param counts how many pieces of each kind were replaced, over all messages
 * @param body the request body, JSON (ASCII: non-ASCII characters are escaped)
 * @param placeholders the conversation's placeholders, which {@link Escalation#send} puts the originals back with
 *     (they stay in memory; the map prints none of them)
 */
public record Preview(UUID conversationId, UUID answerId, UUID questionId, CloudEndpoint endpoint, int turns,
    List<Part> messages, Map<EntityType, Integer> counts, String body, PlaceholderMap placeholders) {

  public Preview {
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(answerId, "answerId");
    Objects.requireNonNull(endpoint, "endpoint");
    messages = List.copyOf(messages);
    counts = Map.copyOf(counts);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(placeholders, "placeholders");
  }

  /**
   * One message as sent.
   *
   * @param role who says it
   * @param text the text as sent (placeholders in place of what was replaced)
   * @param highlights the placeholders in {@code text}, first first
   */
  public record Part(ChatMessage.Role role, String text, List<Highlight> highlights) {
    public Part {
      highlights = List.copyOf(highlights);
    }
  }

  /**
   * A placeholder in a message's sent text: {@code text.substring(start, end)} is {@code placeholder}, standing for
   * {@code original} (which stays on this machine; shown in the preview only, never printed by {@link #toString}).
   */
  public record Highlight(EntityType type, int start, int end, String placeholder, String original) {
    @Override
    public String toString() {
      return "Highlight[" + type + " " + start + ".." + end + " " + placeholder + "]";
    }
  }

  /** The size of the request body in bytes, as sent. */
  public long bytes() {
    return body.getBytes(StandardCharsets.UTF_8).length;
  }

  /** How many pieces were replaced in all. */
  public int redactions() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The messages as sent, readable: a {@code --- role} line before each. */
  public String text() {
    StringBuilder out = new StringBuilder();
    for (Part p : messages) {
      out.append("--- ").append(p.role().wireName()).append('\n').append(p.text());
      if (!p.text().endsWith("\n")) {
        out.append('\n');
      }
    }
    return out.toString();
  }
}
