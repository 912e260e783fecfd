package dev.pith.storage.model;

import java.time.Instant;
import java.util.UUID;

/**
 * One question that left the machine.
 *
 * @param id the row id (0 before it is stored)
 * @param conversationId the conversation it came from; null once that conversation is deleted
 * @param messageId the question it was made from; null once deleted
 * @param provider who received it (e.g. {@code openai})
 * @param endpoint the URL it was sent to
 * @param model the cloud model asked
 * @param sentText exactly the sanitized text the user confirmed and that was sent
 * @param redactions how many pieces the sanitizer replaced
 * @param outcome {@code ok}, or what went wrong in one line
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
    String outcome) {}
