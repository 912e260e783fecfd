package dev.pith.app.ui.chat;

import dev.pith.storage.model.Message;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One message of the thread on screen, with the other versions of it: the answers to the same question
 * (regenerate) or the questions in the same place (edit), oldest first.
 *
 * @param message the stored message; while an answer streams, a placeholder whose text is in {@code live}
 * @param versions the ids of this message and its siblings in the order written, never empty
 * @param live the answer being generated, or null for a stored message
 */
public record ThreadItem(Message message, List<UUID> versions, LiveAnswer live) {
  public ThreadItem {
    Objects.requireNonNull(message, "message");
    versions = List.copyOf(versions);
    if (!versions.contains(message.id())) {
      throw new IllegalArgumentException("the versions of a message include it");
    }
  }

  /** A message that is the only one in its place (so far). */
  public static ThreadItem single(Message message) {
    return new ThreadItem(message, List.of(message.id()), null);
  }

  public UUID id() {
    return message.id();
  }

  /** Which version this is, from 1. */
  public int version() {
    return versions.indexOf(message.id()) + 1;
  }

  public boolean isLive() {
    return live != null;
  }
}
