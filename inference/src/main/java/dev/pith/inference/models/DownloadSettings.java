package dev.pith.inference.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * How downloads behave. The defaults suit a Raspberry Pi on a home connection; tests shorten the timeouts and
 * the backoff so that failure paths take milliseconds.
 *
 * @param hub endpoint, token and proxy
 * @param connectTimeout the longest wait for a connection
 * @param stallTimeout the longest wait for response headers or for the next bytes of a body: a server that
 *     sends nothing for this long is "stalled", and the attempt fails
 * @param attempts attempts per file before giving up (an attempt that received bytes resets the count)
 * @param backoff the wait after the first failed attempt; it doubles after each further one
 * @param spaceMargin bytes that must stay free on the disk beyond what the download still needs
 * @param freeSpace how free space is measured (tests inject a full disk)
 * @param progressInterval the shortest time between two progress reports
 */
public record DownloadSettings(HubAccess hub, Duration connectTimeout, Duration stallTimeout, int attempts,
    Duration backoff, long spaceMargin, FreeSpace freeSpace, Duration progressInterval) {

  /** Bytes a folder's file system has free for this user. */
  @FunctionalInterface
  public interface FreeSpace {
    long usableBytes(Path dir) throws IOException;

    /** The file system's own answer ({@link java.nio.file.FileStore#getUsableSpace()}). */
    FreeSpace FILE_STORE = dir -> Files.getFileStore(dir).getUsableSpace();
  }

  public DownloadSettings {
    Objects.requireNonNull(hub, "hub");
    Objects.requireNonNull(freeSpace, "freeSpace");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero() || stallTimeout.isNegative() || stallTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  /**
   * The defaults for the hub access read from {@code environment}: 20 s to connect, 60 s without data is a
   * stall, 5 attempts with 2 s, 4 s, 8 s, 16 s between them, 256 MiB kept free, progress at most 10 times a
   * second.
   */
  public static DownloadSettings fromEnvironment(Map<String, String> environment) {
    return defaults(HubAccess.fromEnvironment(environment));
  }

  public static DownloadSettings defaults(HubAccess hub) {
    return new DownloadSettings(hub, Duration.ofSeconds(20), Duration.ofSeconds(60), 5, Duration.ofSeconds(2),
        256L << 20, FreeSpace.FILE_STORE, Duration.ofMillis(100));
  }

  /**
   * Why {@code needed} more bytes (plus the margin) do not fit in {@code dir}, or null when they do, or when the
   * free space cannot be told (the download then goes ahead; a full disk still fails it, with the system's
   * reason).
   */
  String shortOfSpace(Path dir, long needed) {
    try {
      long free = freeSpace.usableBytes(dir);
      return free < needed + spaceMargin ? ByteSize.notEnough(dir, needed, spaceMargin, free) : null;
    } catch (IOException e) {
      LoggerFactory.getLogger(DownloadSettings.class).warn("cannot tell the free space in {}: {}", dir,
          e.getMessage());
      return null;
    }
  }

  public DownloadSettings withTimeouts(Duration connect, Duration stall) {
    return new DownloadSettings(hub, connect, stall, attempts, backoff, spaceMargin, freeSpace, progressInterval);
  }

  public DownloadSettings withRetries(int attemptCount, Duration firstBackoff) {
    return new DownloadSettings(hub, connectTimeout, stallTimeout, attemptCount, firstBackoff, spaceMargin, freeSpace,
        progressInterval);
  }

  public DownloadSettings withFreeSpace(FreeSpace measure, long margin) {
    return new DownloadSettings(hub, connectTimeout, stallTimeout, attempts, backoff, margin, measure,
        progressInterval);
  }

  public DownloadSettings withProgressInterval(Duration interval) {
    return new DownloadSettings(hub, connectTimeout, stallTimeout, attempts, backoff, spaceMargin, freeSpace,
        interval);
  }
}
