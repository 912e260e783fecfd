package dev.pith.storage.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One question that left the machine.
 *
 * @param id the row id (0 before it is stored)
 * @param conversationId the conversation it came from; null once that conversation is deleted
 * @param messageId the question it was made from; null once deleted
 * @param provider who received it (e.g. {@code openai}, or the endpoint's host)
 * @param endpoint the URL it was sent to
 * @param model the cloud model asked
 * @param sentText exactly the sanitized text the user confirmed and that was sent
 * @param redactions how many pieces the sanitizer replaced (the sum of {@code entityCounts} when those are known)
 * @param outcome {@code ok}, or what went wrong in one line
 * @param bytesSent the size of the request body as sent, in bytes (0 when nothing was sent)
 * @param entityCounts how many pieces of each kind were replaced, e.g. {@code EMAIL_ADDRESS=1, PERSON=2}; sorted by
 *     kind
 */
public record CloudAuditEntry(
    long id,
    Instant sentAt,
    UUID conversationId,
    UUID messageId,
    String provider,
    String endpoint,
    String model,
    String sentText,
    int redactions,
    String outcome,
    long bytesSent,
    Map<String, Integer> entityCounts) {

  public CloudAuditEntry {
    Objects.requireNonNull(entityCounts, "entityCounts");
    entityCounts = java.util.Collections.unmodifiableMap(new TreeMap<>(entityCounts));
    if (bytesSent < 0) {
      throw new IllegalArgumentException("bytes sent cannot be negative: " + bytesSent);
    }
  }

  /** An entry without the byte count or the counts by kind (rows written before schema 5 read back this way). */
  public CloudAuditEntry(long id, Instant sentAt, UUID conversationId, UUID messageId, String provider,
      String endpoint, String model, String sentText, int redactions, String outcome) {
    this(id, sentAt, conversationId, messageId, provider, endpoint, model, sentText, redactions, outcome, 0,
        Map.of());
  }
}
