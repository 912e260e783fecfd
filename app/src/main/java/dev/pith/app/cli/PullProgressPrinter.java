package dev.pith.app.cli;

import dev.pith.inference.models.ByteSize;
import dev.pith.inference.models.PullListener;
import dev.pith.inference.models.PullProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows a pull's progress on stderr. In a terminal: one line redrawn in place with a bar, percent, size, speed,
 * ETA and file. Otherwise (a log, a pipe): a line when each file is done and a progress line at most every
 * {@link #PLAIN_INTERVAL}, so a log does not fill with carriage returns.
 */
public final class PullProgressPrinter implements PullListener {
  static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);
  private static final int BAR = 24;

  private final PrintWriter err;
  private final boolean terminal;
  private final LongSupplier clock;
  private long lastPlain;
  private int drawn;

  PullProgressPrinter(PrintWriter err, boolean terminal, LongSupplier clock) {
    this.err = err;
    this.terminal = terminal;
    this.clock = clock;
    this.lastPlain = clock.getAsLong();
  }

  @Override
  public void progress(PullProgress p) {
    if (terminal) {
      String line = bar(p);
      err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
      drawn = line.length();
    } else if (p.fileDone()) {
      err.println(file(p) + ": done (" + ByteSize.format(p.fileBytes()) + ")");
    } else if (clock.getAsLong() - lastPlain >= PLAIN_INTERVAL.toNanos()) {
      lastPlain = clock.getAsLong();
      err.println(file(p) + ": " + amounts(p));
    }
    err.flush();
  }

  @Override
  public void retrying(String file, int failures, int attempts, Duration wait, String reason) {
    finish();
    err.println(file + ": " + reason + "; retrying in " + duration(wait) + " (" + failures + " of " + attempts
        + " attempts failed)");
    err.flush();
  }

  /** Ends the redrawn line, so what follows starts on a line of its own. */
  void finish() {
    if (drawn > 0) {
      err.println();
      err.flush();
      drawn = 0;
    }
  }

  private static String bar(PullProgress p) {
    double fraction = p.fraction();
    StringBuilder line = new StringBuilder();
    if (fraction >= 0) {
      int filled = (int) Math.round(fraction * BAR);
      line.append('[').append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ");
    }
    return line.append(amounts(p)).append("  ").append(file(p)).toString();
  }

  /** e.g. {@code 38%  96.1 MB / 254.5 MB  1.2 MB/s  ETA 2:05}. */
  private static String amounts(PullProgress p) {
    StringBuilder s = new StringBuilder();
    if (p.fraction() >= 0) {
      s.append(String.format(Locale.ROOT, "%3d%%  ", (int) Math.floor(p.fraction() * 100)));
    }
    s.append(ByteSize.format(p.bytes()));
    if (p.totalBytes() >= 0) {
      s.append(" / ").append(ByteSize.format(p.totalBytes()));
    }
    if (p.bytesPerSecond() > 0) {
      s.append("  ").append(ByteSize.format((long) p.bytesPerSecond())).append("/s");
    }
    if (p.eta() != null) {
      s.append("  ETA ").append(duration(p.eta()));
    }
    return s.toString();
  }

  private static String file(PullProgress p) {
    return p.file() + " (" + p.fileIndex() + "/" + p.fileCount() + ")";
  }

  /** {@code m:ss}, or {@code h:mm:ss} from an hour on (also Settings → Models' time left). */
  public static String duration(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
