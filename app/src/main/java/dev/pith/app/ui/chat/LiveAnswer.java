package dev.pith.app.ui.chat;

import dev.pith.app.ui.CoalescingTextSink;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The answer being generated, as the window sees it: its text and token count so far, changed once per
 * pulse by the coalescing sink (never once per token). FX thread only.
 */
public final class LiveAnswer {
  private final long startNanos;
  private final boolean opensThinking;
  private final StringBuilder text = new StringBuilder();
  private final ReadOnlyStringWrapper textProperty = new ReadOnlyStringWrapper(this, "text", "");
  private final ReadOnlyIntegerWrapper tokens = new ReadOnlyIntegerWrapper(this, "tokens", 0);
  private long firstTokenNanos;

  /**
   * @param startNanos when the question was sent ({@link System#nanoTime()}), for the time to first token
   * @param opensThinking the model's prompt opened a {@code <think>} part: the text starts inside it
   */
  LiveAnswer(long startNanos, boolean opensThinking) {
    this.startNanos = startNanos;
    this.opensThinking = opensThinking;
  }

  /** Adds what arrived since the last pulse. */
  void append(CoalescingTextSink.Chunk chunk) {
    if (chunk.tokens() > 0 && firstTokenNanos == 0) {
      firstTokenNanos = System.nanoTime();
    }
    if (!chunk.text().isEmpty()) {
      text.append(chunk.text());
      textProperty.set(text.toString());
    }
    tokens.set(tokens.get() + chunk.tokens());
  }

  public ReadOnlyStringProperty textProperty() {
    return textProperty.getReadOnlyProperty();
  }

  /** Tokens generated so far. */
  public ReadOnlyIntegerProperty tokensProperty() {
    return tokens.getReadOnlyProperty();
  }

  public long startNanos() {
    return startNanos;
  }

  public boolean opensThinking() {
    return opensThinking;
  }
}
