package dev.pith.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Fits a conversation into a context window: when the prompt plus the answer's token budget exceed it, the oldest
 * turns are dropped (never a system message, never the last message), and an assistant message left at the front
 * without its question goes too. How a conversation is counted is the caller's: the CPU backend renders and
 * tokenizes it, the NPU backend counts with the model's tokenizer when one is installed and estimates otherwise.
 */
public final class ContextFit {
  private ContextFit() {}

  /** Turns the messages kept so far into a prompt (ids, or just a count) whose size is then measured. */
  @FunctionalInterface
  public interface Encoder<T> {
    T encode(List<ChatMessage> messages) throws GenerationException;
  }

  /**
   * A conversation that fits.
   *
   * @param prompt what the encoder made of the kept messages
   * @param tokens the prompt's size in tokens
   * @param kept the messages left in, in order
   * @param droppedMessages how many messages were left out
   * @param maxNewTokens the answer's budget: the request's, or less when even the shortest prompt leaves less room
   */
  public record Fitted<T>(T prompt, int tokens, List<ChatMessage> kept, int droppedMessages, int maxNewTokens) {
    public Fitted {
      kept = List.copyOf(kept);
    }
  }

  /**
   * Drops the oldest turns until {@code size(encoder(kept)) + maxTokens <= context}, or until nothing more may be
   * dropped; the answer's budget then shrinks to what is left.
   *
   * @throws GenerationException when even the system messages and the last message fill the context
   */
  public static <T> Fitted<T> fit(List<ChatMessage> messages, Encoder<T> encoder, ToIntFunction<T> size,
      int context, int maxTokens) throws GenerationException {
    List<ChatMessage> kept = new ArrayList<>(messages);
    int dropped = 0;
    while (true) {
      T prompt = encoder.encode(kept);
      int tokens = size.applyAsInt(prompt);
      if (tokens + maxTokens <= context) {
        return new Fitted<>(prompt, tokens, kept, dropped, maxTokens);
      }
      int oldest = oldestDroppable(kept);
      if (oldest < 0) {
        if (tokens >= context) {
          throw new GenerationException("the prompt is " + tokens + " tokens but the model's context holds "
              + context + "; shorten the message or the system prompt");
        }
        return new Fitted<>(prompt, tokens, kept, dropped, context - tokens);
      }
      kept.remove(oldest);
      dropped++;
      if (oldest < kept.size() - 1 && kept.get(oldest).role() == ChatMessage.Role.ASSISTANT
          && firstNonSystem(kept) == oldest) {
        kept.remove(oldest);
        dropped++;
      }
    }
  }

  /** The first non-system message that is not the last message, or -1. */
  private static int oldestDroppable(List<ChatMessage> messages) {
    int first = firstNonSystem(messages);
    return first >= 0 && first < messages.size() - 1 ? first : -1;
  }

  private static int firstNonSystem(List<ChatMessage> messages) {
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).role() != ChatMessage.Role.SYSTEM) {
        return i;
      }
    }
    return -1;
  }
}
