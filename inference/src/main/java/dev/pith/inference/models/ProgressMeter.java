package dev.pith.inference.models;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts a pull's bytes and tells the listener, throttled: speed is measured over a sliding window of a few
 * seconds, so it follows a changing connection without jumping with every chunk.
 */
final class ProgressMeter {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressMeter.class);
  private static final long WINDOW_NANOS = 5_000_000_000L;

  private final String modelId;
  private final int fileCount;
  private final PullListener listener;
  private final long intervalNanos;
  private final LongSupplier clock;
  private final Deque<long[]> samples = new ArrayDeque<>(); // {nanos, bytes}

  private long knownTotal;
  private int unknownSizes;
  private long done;
  private String file = "";
  private int fileIndex;
  private long fileBytes;
  private long fileTotal = -1;
  private long lastReport = Long.MIN_VALUE;

  ProgressMeter(String modelId, CatalogEntry entry, PullListener listener, Duration interval, LongSupplier clock) {
    this.modelId = modelId;
    this.fileCount = entry.files().size();
    this.listener = listener;
    this.intervalNanos = interval.toNanos();
    this.clock = clock;
    for (CatalogFile f : entry.files()) {
      if (f.sizeKnown()) {
        knownTotal += f.size();
      } else {
        unknownSizes++;
      }
    }
  }

  /** A file begins with {@code onDisk} bytes already there; its size is -1 when not yet known. */
  void startFile(CatalogFile f, int index, long onDisk) {
    file = f.path();
    fileIndex = index;
    fileTotal = f.size();
    fileBytes = onDisk;
    done += onDisk;
  }

  /** The server told the size of the current file (the catalog did not). */
  void learnedSize(long size) {
    if (fileTotal < 0 && size >= 0) {
      fileTotal = size;
      knownTotal += size;
      unknownSizes--;
    }
  }

  /** The current file was emptied (the server sends it again from the start). */
  void restartFile() {
    done -= fileBytes;
    fileBytes = 0;
  }

  void advance(long n) {
    fileBytes += n;
    done += n;
    long now = clock.getAsLong();
    samples.addLast(new long[] {now, done});
    while (samples.size() > 2 && now - samples.peekFirst()[0] > WINDOW_NANOS) {
      samples.removeFirst();
    }
    if (lastReport == Long.MIN_VALUE || now - lastReport >= intervalNanos) {
      report(now, false);
    }
  }

  /** Reports the current file as finished, whatever the throttle says. */
  void finishFile() {
    report(clock.getAsLong(), true);
  }

  long done() {
    return done;
  }

  void retrying(int failures, int attempts, Duration wait, String reason) {
    samples.clear();
    try {
      listener.retrying(file, failures, attempts, wait, reason);
    } catch (RuntimeException e) {
      LOG.warn("a pull listener failed", e);
    }
  }

  private void report(long now, boolean fileDone) {
    lastReport = now;
    double speed = speed(now);
    long total = unknownSizes > 0 ? -1 : knownTotal;
    Duration eta = total >= 0 && speed > 0 ? Duration.ofSeconds((long) Math.ceil((total - done) / speed)) : null;
    try {
      listener.progress(new PullProgress(modelId, file, fileIndex, fileCount, fileBytes, fileTotal, done, total, speed,
          eta, fileDone));
    } catch (RuntimeException e) {
      LOG.warn("a pull listener failed", e);
    }
  }

  private double speed(long now) {
    if (samples.size() < 2) {
      return 0;
    }
    long[] first = samples.peekFirst();
    long nanos = now - first[0];
    return nanos <= 0 ? 0 : (done - first[1]) * 1e9 / nanos;
  }
}
