package dev.pith.inference.tokenizer;

import java.util.List;

/**
 * Watches streamed text for stop strings. Text that could be the start of a stop string is held back
 * until it is clear either way, so a stop string is never shown, not even in part.
 */
public final class StopStringFilter {
  private final List<String> stops;
  private final StringBuilder pending = new StringBuilder();
  private boolean stopped;

  public StopStringFilter(List<String> stopStrings) {
    this.stops = List.copyOf(stopStrings);
  }

  /**
   * Adds a piece of text and returns what may be shown now. After a stop string is found, returns the
   * text before it and {@link #stopped()} turns true; later calls return "".
   */
  public String accept(String piece) {
    if (stopped) {
      return "";
    }
    if (stops.isEmpty()) {
      return piece;
    }
    pending.append(piece);
    int cut = firstStop();
    if (cut >= 0) {
      stopped = true;
      String out = pending.substring(0, cut);
      pending.setLength(0);
      return out;
    }
    int keep = longestPossibleStart();
    String out = pending.substring(0, pending.length() - keep);
    pending.delete(0, pending.length() - keep);
    return out;
  }

  /** The text still held back (when the answer ends without a stop string, it is shown). */
  public String flush() {
    String out = stopped ? "" : pending.toString();
    pending.setLength(0);
    return out;
  }

  public boolean stopped() {
    return stopped;
  }

  private int firstStop() {
    int best = -1;
    for (String s : stops) {
      int i = pending.indexOf(s);
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
      }
    }
    return best;
  }

  /** Length of the longest suffix of pending text that is a proper prefix of some stop string. */
  private int longestPossibleStart() {
    int best = 0;
    for (String s : stops) {
      int max = Math.min(s.length() - 1, pending.length());
      for (int k = max; k > best; k--) {
        if (endsWith(pending, s, k)) {
          best = k;
          break;
        }
      }
    }
    return best;
  }

  private static boolean endsWith(CharSequence text, String stop, int k) {
    int offset = text.length() - k;
    for (int i = 0; i < k; i++) {
      if (text.charAt(offset + i) != stop.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
