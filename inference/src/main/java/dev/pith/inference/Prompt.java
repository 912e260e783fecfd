package dev.pith.inference;

import java.util.List;
import java.util.Objects;

/**
 * What the model is asked: a chat (rendered with the model's chat template), raw text (no template),
 * or token ids given directly (for tests and benchmarks).
 */
public sealed interface Prompt {

  /** A conversation; rendered with the model's own chat template, ChatML when it has none. */
  record Chat(List<ChatMessage> messages) implements Prompt {
    public Chat {
      messages = List.copyOf(messages);
      if (messages.isEmpty()) {
        throw new IllegalArgumentException("a chat prompt needs at least one message");
      }
    }
  }

  /** Text tokenized as it is, without a chat template. */
  record Text(String text) implements Prompt {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /** Token ids fed to the model as they are. */
  record Ids(int[] ids) implements Prompt {
    public Ids {
      ids = ids.clone();
      if (ids.length == 0) {
        throw new IllegalArgumentException("a prompt needs at least one token id");
      }
    }
  }

  static Prompt chat(List<ChatMessage> messages) {
    return new Chat(messages);
  }

  static Prompt text(String text) {
    return new Text(text);
  }

  static Prompt ids(int... ids) {
    return new Ids(ids);
  }
}
