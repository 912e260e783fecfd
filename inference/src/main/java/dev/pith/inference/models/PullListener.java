package dev.pith.inference.models;

import java.time.Duration;

/**
 * Hears how a pull goes. Every call comes on the thread that runs the pull (the download thread), never on a
 * UI thread: a JavaFX page hands what it needs to the FX thread itself (coalescing, at most once a frame). A
 * listener must return quickly; an exception it throws is logged and does not stop the download.
 */
public interface PullListener {
  /** Does nothing. */
  PullListener NONE = progress -> { };

  /**
   * Progress, at most once per {@link DownloadSettings#progressInterval()}, plus once when each file is done.
   */
  void progress(PullProgress progress);

  /**
   * An attempt at {@code file} failed and another follows after {@code wait}.
   *
   * @param failures failed attempts in a row (an attempt that made progress resets the count)
   * @param attempts how many failures in a row end the pull
   * @param reason the failure, one line
   */
  default void retrying(String file, int failures, int attempts, Duration wait, String reason) { }
}
