package dev.pith.inference.cpu;

import dev.pith.inference.ChatMessage;
import dev.pith.inference.ContextFit;
import dev.pith.inference.GenerationException;
import dev.pith.inference.tokenizer.ChatTemplate;
import dev.pith.inference.tokenizer.Tokenizer;
import java.util.List;

/**
 * A prompt's token ids fitted into the context window: a conversation loses its oldest turns as
 * {@link ContextFit} says, counted with the model's tokenizer and chat template.
 *
 * @param ids the prompt's token ids
 * @param droppedMessages how many messages were left out
 * @param maxNewTokens the answer's budget: the request's, or less when even the shortest prompt leaves
 *     less room
 */
record PromptFit(int[] ids, int droppedMessages, int maxNewTokens) {

  static PromptFit fit(List<ChatMessage> messages, ChatTemplate template, Tokenizer tokenizer, int context,
      int maxTokens) throws GenerationException {
    ContextFit.Fitted<int[]> fitted = ContextFit.fit(messages, kept -> encode(kept, template, tokenizer),
        ids -> ids.length, context, maxTokens);
    return new PromptFit(fitted.prompt(), fitted.droppedMessages(), fitted.maxNewTokens());
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
}
