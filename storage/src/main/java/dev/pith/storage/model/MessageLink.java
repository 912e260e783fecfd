package dev.pith.storage.model;

import java.util.Objects;
import java.util.UUID;

/**
 * A message's place in its conversation's tree.
 *
 * @param id the message
 * @param parentId the message it follows, or null for a first message
 */
public record MessageLink(UUID id, UUID parentId) {
  public MessageLink {
    Objects.requireNonNull(id, "id");
  }
}
