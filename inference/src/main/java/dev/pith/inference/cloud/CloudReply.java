package dev.pith.inference.cloud;

/**
 * A streamed cloud answer as it ended.
 *
 * @param text every piece handed to the sink, joined (still with the placeholders the request carried)
 * @param cancelled the caller stopped it; {@code text} is what arrived until then
 * @param finishReason the server's {@code finish_reason} ({@code stop}, {@code length}, ...), or null
 */
public record CloudReply(String text, boolean cancelled, String finishReason) {}
