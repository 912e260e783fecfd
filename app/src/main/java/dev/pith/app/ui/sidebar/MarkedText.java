package dev.pith.app.ui.sidebar;

import java.util.ArrayList;
import java.util.List;

/**
 * A search snippet cut at {@link Sidebar#MARK_OPEN} / {@link Sidebar#MARK_CLOSE} into plain and matched parts.
 *
 * <p>The markers are private-use characters, so they never collide with what people write, and the parser is lenient
 * because snippets are cut from the middle of messages: an opening marker without its close marks up to the end, a
 * stray close is dropped, a repeated open changes nothing. Line breaks and runs of white space become one space
 * (a snippet is a one-glance preview). Empty parts are left out, and markers never reach the screen.
 */
final class MarkedText {
  /** One run of text, {@code marked} if it lay between the markers. */
  record Part(String text, boolean marked) {}

  private MarkedText() {}

  static List<Part> parse(String snippet) {
    List<Part> parts = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    boolean marked = false;
    for (int i = 0; i < snippet.length(); i++) {
      char c = snippet.charAt(i);
      boolean open = c == Sidebar.MARK_OPEN.charAt(0);
      boolean close = c == Sidebar.MARK_CLOSE.charAt(0);
      if ((open && !marked) || (close && marked)) {
        flush(parts, run, marked);
        marked = open;
      } else if (Character.isWhitespace(c)) {
        if (run.length() == 0 || run.charAt(run.length() - 1) != ' ') {
          run.append(' ');
        }
      } else if (!open && !close) {
        run.append(c);
      }
    }
    flush(parts, run, marked);
    return parts;
  }

  /** The snippet without markers, for accessible text and tooltips. */
  static String plain(String snippet) {
    return snippet.replace(Sidebar.MARK_OPEN, "").replace(Sidebar.MARK_CLOSE, "");
  }

  private static void flush(List<Part> parts, StringBuilder run, boolean marked) {
    if (run.length() > 0) {
      parts.add(new Part(run.toString(), marked));
      run.setLength(0);
    }
  }
}
