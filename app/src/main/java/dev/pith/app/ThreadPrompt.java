package dev.pith.app;

import dev.pith.inference.ChatMessage;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.StopReason;
import dev.pith.inference.power.EnergyUse;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

  /** What an answer cost, as stored with it, without its energy. */
  public static MessageMetrics metrics(GenerationStats stats) {
    return metrics(stats, Optional.empty());
  }

  /**
   * What an answer cost, as stored with it: the energy, average and idle watts and the meter's name come from
   * {@code energy} when it was measured (an estimate is stored with its source marked as one).
   */
  public static MessageMetrics metrics(GenerationStats stats, Optional<EnergyUse> energy) {
    Double joules = energy.map(EnergyUse::joules).orElse(null);
    Double watts = energy.map(e -> finite(e.averageWatts())).orElse(null);
    String source = energy.map(e -> e.measured() ? e.source() : e.source() + " (estimate)").orElse(null);
    Double idle = energy.map(e -> finite(e.idleWatts())).orElse(null);
    return new MessageMetrics(stats.promptTokens(), stats.generatedTokens(), finite(stats.ttftMillis()),
        finite(stats.decodeTokensPerSecond()), joules, watts, source, idle, finite(stats.meanLogprob()),
        finite(stats.minLogprob()), stats.droppedMessages());
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
