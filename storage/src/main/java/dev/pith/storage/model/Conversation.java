package dev.pith.storage.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One conversation, as the sidebar lists it. */
public record Conversation(UUID id, String title, Instant created, Instant updated, boolean pinned, boolean archived) {

  public Conversation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(updated, "updated");
  }

  /** A new, untitled conversation. */
  public static Conversation create(Instant now) {
    return new Conversation(UUID.randomUUID(), "", now, now, false, false);
  }
}
