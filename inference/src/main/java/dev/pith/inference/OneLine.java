package dev.pith.inference;

/** Errors reach users as one line: native libraries' multi-line messages are cut to their first line. */
public final class OneLine {
  private OneLine() {}

  /** The first non-blank line of a message, or "unknown error" when there is none. */
  public static String of(String message) {
    if (message == null || message.isBlank()) {
      return "unknown error";
    }
    String line = message.strip();
    int nl = line.indexOf('\n');
    return (nl < 0 ? line : line.substring(0, nl)).strip();
  }
}
