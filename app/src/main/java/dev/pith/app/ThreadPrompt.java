package dev.pith.app;

import dev.pith.inference.ChatMessage;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.StopReason;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import java.util.ArrayList;
import java.util.List;

/** Maps between the stored messages (storage) and what the model reads and reports (inference). */
public final class ThreadPrompt {
  private ThreadPrompt() {}

  /**
   * A stored thread as the chat the model reads, first message first. Failed answers and empty messages are
   * left out: the model never said them. Cancelled and interrupted answers stay, as far as they got.
   */
  public static List<ChatMessage> messages(List<Message> thread) {
    return messages("", thread);
  }

  /**
   * {@link #messages(List)} after {@code systemPrompt} as the first, system message (none when it is blank).
   * The model's context management never leaves a system message out, so the instructions hold however long
   * the conversation grows.
   */
  public static List<ChatMessage> messages(String systemPrompt, List<Message> thread) {
    List<ChatMessage> chat = new ArrayList<>();
    if (!systemPrompt.isBlank()) {
      chat.add(ChatMessage.system(systemPrompt.strip()));
    }
    for (Message m : thread) {
      if (m.status() != MessageStatus.ERROR && !m.content().isBlank()) {
        chat.add(new ChatMessage(role(m), m.content()));
      }
    }
    return chat;
  }

  /** What an answer cost, as stored with it; energy and watts are not measured yet. */
  public static MessageMetrics metrics(GenerationStats stats) {
    return new MessageMetrics(stats.promptTokens(), stats.generatedTokens(), finite(stats.ttftMillis()),
        finite(stats.decodeTokensPerSecond()), null, null, null);
  }

  /** How an answer that ended with {@code stats} is stored: cancelled when stopped, else complete. */
  public static MessageStatus status(GenerationStats stats) {
    return stats.stopReason() == StopReason.CANCELLED ? MessageStatus.CANCELLED : MessageStatus.COMPLETE;
  }

  private static ChatMessage.Role role(Message m) {
    switch (m.role()) {
      case USER:
        return ChatMessage.Role.USER;
      case ASSISTANT:
        return ChatMessage.Role.ASSISTANT;
      default:
        return ChatMessage.Role.SYSTEM;
    }
  }

  /** Null for a number that was not measured (NaN). */
  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
