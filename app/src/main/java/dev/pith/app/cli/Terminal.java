package dev.pith.app.cli;

import java.io.Console;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Standard input and whether the command line runs in a terminal.
 *
 * @param in what the user types (or what a script pipes in)
 * @param interactive true when stdin and stdout are a terminal ({@code System.console()} exists): then
 *     {@code chat} shows a banner and a prompt, and {@code search} marks matches in bold
 */
public record Terminal(Reader in, boolean interactive) {

  public Terminal {
    Objects.requireNonNull(in, "in");
  }

  /** The process's stdin, decoded with the terminal's charset. */
  public static Terminal system() {
    return new Terminal(new InputStreamReader(System.in, charset()), System.console() != null);
  }

  /** No input at all (end of input at once), not a terminal. */
  public static Terminal none() {
    return piped("");
  }

  /** {@code input} as stdin, as when a script pipes text in. */
  public static Terminal piped(String input) {
    return new Terminal(new StringReader(input), false);
  }

  /** The terminal's charset when there is one; UTF-8 when input or output is a pipe or a file. */
  public static Charset charset() {
    Console console = System.console();
    return console != null ? console.charset() : StandardCharsets.UTF_8;
  }
}
