package dev.pith.storage.model;

import java.time.Instant;
import java.util.UUID;

/**
 * One message that matched a search.
 *
 * @param snippet the matching passage, matched words between the caller's markers
 */
public record SearchHit(
    UUID conversationId, String conversationTitle, UUID messageId, Role role, String snippet, Instant created) {}
