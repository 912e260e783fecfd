package dev.pith.inference.privacy;

/**
 * One replacement the sanitizer made: {@code original} at {@code start..end} of the original text became
 * {@code placeholder}.
 */
public record Redaction(EntityType type, int start, int end, String original, String placeholder) {}
