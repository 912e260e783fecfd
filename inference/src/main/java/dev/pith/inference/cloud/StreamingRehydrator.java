package dev.pith.inference.cloud;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Puts the originals back into a streamed answer piece by piece: a placeholder may arrive split over pieces
 * ({@code "[EMA"}, {@code "IL_1]"}), so text that could still become one is held back until it is complete or
 * cannot be one. What goes to {@code out}, joined, equals {@code rehydrate} applied to the whole answer.
 * Not thread-safe: one per answer, fed from one thread.
 */
public final class StreamingRehydrator {
  /** Longer than any placeholder ({@code [ADDRESS_12345]}); a longer bracket is not one. */
  private static final int MAX_PLACEHOLDER = 32;
  private static final Pattern PARTIAL = Pattern.compile("\\[[A-Z]*(?:_\\d*)?");

  private final UnaryOperator<String> rehydrate;
  private final Consumer<String> out;
  private final StringBuilder pending = new StringBuilder();

  public StreamingRehydrator(UnaryOperator<String> rehydrate, Consumer<String> out) {
    this.rehydrate = Objects.requireNonNull(rehydrate, "rehydrate");
    this.out = Objects.requireNonNull(out, "out");
  }

  /** Adds a piece of the answer as it came from the cloud; hands on what is certain. */
  public void accept(String piece) {
    pending.append(piece);
    int hold = holdFrom();
    if (hold > 0) {
      emit(pending.substring(0, hold));
      pending.delete(0, hold);
    }
  }

  /** The answer ended: hands on what was held back. */
  public void finish() {
    if (pending.length() > 0) {
      emit(pending.toString());
      pending.setLength(0);
    }
  }

  /** Where a possible unfinished placeholder starts at the end of the pending text (its length when none). */
  private int holdFrom() {
    int open = pending.lastIndexOf("[");
    if (open < 0 || pending.length() - open > MAX_PLACEHOLDER) {
      return pending.length();
    }
    return PARTIAL.matcher(pending).region(open, pending.length()).matches() ? open : pending.length();
  }

  private void emit(String text) {
    if (!text.isEmpty()) {
      out.accept(rehydrate.apply(text));
    }
  }
}
