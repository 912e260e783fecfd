package dev.pith.inference.models;

import java.nio.file.Path;
import java.util.Locale;

/** Byte counts as people read them, in messages and lists. */
public final class ByteSize {
  private ByteSize() {}

  /** e.g. {@code 1.9 GB}, {@code 812.3 MB}, {@code 240 kB}, {@code 12 bytes} (decimal units, as disks are sold). */
  public static String format(long n) {
    if (n < 1000) {
      return n + " bytes";
    }
    if (n < 1_000_000) {
      return String.format(Locale.ROOT, "%.0f kB", n / 1e3);
    }
    if (n < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
    }
    return String.format(Locale.ROOT, "%.1f GB", n / 1e9);
  }

  static String notEnough(Path dir, long needed, long margin, long free) {
    return "not enough disk space in " + dir + ": the download needs " + format(needed) + " more (and "
        + format(margin) + " kept free), " + format(free) + " is free";
  }
}
