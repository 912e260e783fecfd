package dev.pith.storage.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored answer as the Stats page reads it: when it was asked for, how it ended, what wrote it and what was
 * measured of it (its text is not read).
 *
 * @param created when the answer was requested
 * @param modelId the model that wrote it; null when not stored
 * @param backend {@code cpu}, {@code hailo} or {@code cloud}; null when not stored
 * @param metrics what was measured; each figure null when it was not
 */
public record MeasuredAnswer(Instant created, MessageStatus status, String modelId, String backend,
    MessageMetrics metrics) {
  public MeasuredAnswer {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(status, "status");
    metrics = metrics == null ? MessageMetrics.NONE : metrics;
  }
}
