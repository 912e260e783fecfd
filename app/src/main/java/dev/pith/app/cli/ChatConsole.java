package dev.pith.app.cli;

import java.io.PrintWriter;

/**
 * Where {@code pith chat} writes: answers and command output on stdout, problems on stderr, and the banner,
 * prompt and notes only when a person is at a terminal (a script piping lines in gets answers only).
 *
 * @param interactive true when stdin and stdout are a terminal
 */
record ChatConsole(PrintWriter out, PrintWriter err, boolean interactive) {

  /** A line of output: an answer's end, a list, a thread. */
  void line(String text) {
    out.println(text);
    out.flush();
  }

  /** A line only a person at the terminal needs (a banner, a confirmation, an answer's speed). */
  void note(String text) {
    if (interactive) {
      line(text);
    }
  }

  /** Something that went wrong or was not understood; the chat goes on. */
  void problem(String text) {
    err.println(text);
    err.flush();
  }

  /** The {@code > } prompt, at a terminal. */
  void prompt() {
    if (interactive) {
      out.print("> ");
      out.flush();
    }
  }
}
