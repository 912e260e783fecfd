package dev.pith.storage.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One message. Messages form a tree: {@code parentId} is the message this one answers or follows (null for
 * the first), so a regenerated answer or an edited question is a sibling of the one it replaces.
 *
 * @param error why an answer failed, for status {@link MessageStatus#ERROR}; otherwise null
 * @param modelId the model that wrote an answer; null for questions
 * @param backend {@code cpu}, {@code hailo} or {@code cloud} for answers; null for questions
 */
public record Message(
    UUID id,
    UUID conversationId,
    UUID parentId,
    Role role,
    String content,
    MessageStatus status,
    String error,
    Instant created,
    Instant updated,
    String modelId,
    String backend,
    MessageMetrics metrics) {

  public Message {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(updated, "updated");
    metrics = metrics == null ? MessageMetrics.NONE : metrics;
  }

  /** A finished message written by the user (or a system prompt). */
  public static Message written(UUID conversationId, UUID parentId, Role role, String content, Instant now) {
    return new Message(UUID.randomUUID(), conversationId, parentId, role, content, MessageStatus.COMPLETE, null,
        now, now, null, null, MessageMetrics.NONE);
  }
}
