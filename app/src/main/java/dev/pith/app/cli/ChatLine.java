package dev.pith.app.cli;

import java.util.Locale;

/**
 * One line typed into {@code pith chat}: nothing, a message, or a command. A line starting with {@code /} is a
 * command ({@code /open 2}); one starting with {@code //} is a message that starts with a slash.
 */
sealed interface ChatLine {

  /** An empty or blank line: nothing to do. */
  record Blank() implements ChatLine {}

  /** A message for the model, stripped, never blank. */
  record Say(String text) implements ChatLine {}

  /**
   * A command.
   *
   * @param name the word after the slash, lower case ({@code open}); empty for a lone {@code /}
   * @param argument the rest of the line, stripped; empty when there is none
   */
  record Command(String name, String argument) implements ChatLine {}

  static ChatLine parse(String line) {
    String text = line.strip();
    if (text.isEmpty()) {
      return new Blank();
    }
    if (text.startsWith("//")) {
      return new Say(text.substring(1));
    }
    if (!text.startsWith("/")) {
      return new Say(text);
    }
    String rest = text.substring(1);
    int space = rest.indexOf(' ');
    String name = space < 0 ? rest : rest.substring(0, space);
    String argument = space < 0 ? "" : rest.substring(space + 1).strip();
    return new Command(name.toLowerCase(Locale.ROOT), argument);
  }
}
