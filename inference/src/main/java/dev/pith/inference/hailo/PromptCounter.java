package dev.pith.inference.hailo;

import dev.pith.inference.ChatMessage;
import dev.pith.inference.GenerationException;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.tokenizer.ChatTemplate;
import dev.pith.inference.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many tokens a conversation takes on the NPU, whose server tokenizes it out of Pith's sight. With a folder of
 * the same model (the CPU twin's tokenizer and chat template) the count is exact; without one it is an estimate
 * that errs high, because hailo-ollama answers garbage instead of an error once its 2,048-token context overflows:
 * a third of a token per ASCII character (English runs at about four characters a token), a whole token per other
 * character (CJK text is about one), plus the chat template's framing.
 */
final class PromptCounter implements AutoCloseable {
  /** The template's framing per message: its start and end markers, the role, a line break. */
  static final int PER_MESSAGE = 6;
  /** The answer's header, and the default system prompt a template adds when there is none (Qwen's is ~20). */
  static final int FIXED = 32;
  private static final Logger LOG = LoggerFactory.getLogger(PromptCounter.class);

  private final Tokenizer tokenizer;
  private final ChatTemplate template;

  private PromptCounter(Tokenizer tokenizer, ChatTemplate template) {
    this.tokenizer = tokenizer;
    this.template = template;
  }

  /** Counts with the tokenizer in {@code folder} when there is one that loads, else estimates. */
  static PromptCounter open(Optional<Path> folder) {
    if (folder.isEmpty()) {
      return new PromptCounter(null, null);
    }
    Tokenizer tokenizer = null;
    try {
      tokenizer = Tokenizer.load(folder.get());
      return new PromptCounter(tokenizer, ChatTemplate.load(folder.get()));
    } catch (ModelLoadException | RuntimeException e) {
      if (tokenizer != null) {
        tokenizer.close();
      }
      LOG.warn("cannot count NPU prompt tokens with {} ({}); estimating them instead", folder.get(), e.getMessage());
      return new PromptCounter(null, null);
    }
  }

  /** True when counts come from the model's own tokenizer. */
  boolean exact() {
    return tokenizer != null;
  }

  /** The conversation's prompt size in tokens, the answer's header included. */
  int count(List<ChatMessage> messages) throws GenerationException {
    if (tokenizer != null) {
      try {
        return tokenizer.encode(template.render(messages, true)).length;
      } catch (IllegalArgumentException e) {
        throw new GenerationException(e.getMessage(), e);
      }
    }
    int tokens = FIXED;
    for (ChatMessage m : messages) {
      tokens += PER_MESSAGE + estimate(m.content());
    }
    return tokens;
  }

  private static int estimate(String text) {
    int ascii = 0;
    int other = 0;
    for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
      if (text.charAt(i) < 0x80) {
        ascii++;
      } else {
        other++;
      }
    }
    return (ascii + 2) / 3 + other;
  }

  @Override
  public void close() {
    if (tokenizer != null) {
      tokenizer.close();
    }
  }
}
