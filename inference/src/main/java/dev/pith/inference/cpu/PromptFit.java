package dev.pith.inference.cpu;

import dev.pith.inference.ChatMessage;
import dev.pith.inference.GenerationException;
import dev.pith.inference.tokenizer.ChatTemplate;
import dev.pith.inference.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits a conversation into the context window: when the rendered prompt plus the answer's token budget
 * exceed it, the oldest turns are dropped (never a system message, never the last message), and an
 * assistant message left at the front without its question goes too.
 *
 * @param ids the prompt's token ids
 * @param droppedMessages how many messages were left out
 * @param maxNewTokens the answer's budget: the request's, or less when even the shortest prompt leaves
 *     less room
 */
record PromptFit(int[] ids, int droppedMessages, int maxNewTokens) {

  static PromptFit fit(List<ChatMessage> messages, ChatTemplate template, Tokenizer tokenizer, int context,
      int maxTokens) throws GenerationException {
    List<ChatMessage> kept = new ArrayList<>(messages);
    int dropped = 0;
    while (true) {
      int[] ids = encode(kept, template, tokenizer);
      if (ids.length + maxTokens <= context) {
        return new PromptFit(ids, dropped, maxTokens);
      }
      int oldest = oldestDroppable(kept);
      if (oldest < 0) {
        if (ids.length >= context) {
          throw new GenerationException("the prompt is " + ids.length + " tokens but the model's context holds "
              + context + "; shorten the message or the system prompt");
        }
        return new PromptFit(ids, dropped, context - ids.length);
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

  static PromptFit ofIds(int[] ids, int context, int maxTokens) throws GenerationException {
    if (ids.length >= context) {
      throw new GenerationException("the prompt is " + ids.length + " tokens but the model's context holds "
          + context);
    }
    return new PromptFit(ids, 0, Math.min(maxTokens, context - ids.length));
  }

  private static int[] encode(List<ChatMessage> messages, ChatTemplate template, Tokenizer tokenizer)
      throws GenerationException {
    try {
      return tokenizer.encode(template.render(messages, true));
    } catch (IllegalArgumentException e) {
      throw new GenerationException(e.getMessage(), e);
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
