package dev.pith.storage.model;

import java.util.Locale;

/**
 * Where a message stands. Questions are {@link #COMPLETE} when written; an answer is {@link #STREAMING}
 * while it grows, then complete, cancelled (the user stopped it) or error. An answer found still streaming
 * at start-up, because the process died mid-answer, becomes {@link #INTERRUPTED} with its text kept.
 */
public enum MessageStatus {
  STREAMING,
  COMPLETE,
  CANCELLED,
  INTERRUPTED,
  ERROR;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static MessageStatus of(String wireName) {
    for (MessageStatus status : values()) {
      if (status.wireName().equals(wireName)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown message status '" + wireName
        + "' (expected streaming, complete, cancelled, interrupted or error)");
  }
}
