package dev.pith.app.cli;

import dev.pith.storage.model.Role;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** How stored conversations and messages are shown in the terminal (and what the window shares of it). */
public final class Display {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  /** Characters of an id that tell conversations apart in practice, as {@code /open} accepts them. */
  private static final int SHORT_ID = 8;
  /** The most characters of a first question that become the conversation's title. */
  static final int TITLE_LENGTH = 60;

  private Display() {}

  /** The first characters of an id, e.g. {@code 3f2a9c1b}. */
  static String shortId(UUID id) {
    return id.toString().substring(0, SHORT_ID);
  }

  /** {@code you}, {@code pith} or {@code system}. */
  static String role(Role role) {
    switch (role) {
      case USER:
        return "you";
      case ASSISTANT:
        return "pith";
      default:
        return "system";
    }
  }

  /** Local date and time to the minute, e.g. {@code 2026-11-21 10:15}. */
  static String time(Instant instant) {
    return TIME.format(instant.atZone(ZoneId.systemDefault()));
  }

  /** The title a new conversation takes from its first question, in the terminal and in the window alike. */
  public static String newTitle(String firstQuestion) {
    return clip(firstQuestion, TITLE_LENGTH);
  }

  /** A conversation's title, or {@code (untitled)}. */
  static String title(String title) {
    return title.isBlank() ? "(untitled)" : title;
  }

  /** {@code text} on one line: every run of white space, line breaks included, becomes one space. */
  static String oneLine(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  /**
   * {@code text} on one line (white space runs folded to one space), cut to at most {@code max} characters on
   * a word boundary when there is one in its second half, with {@code …} when cut.
   */
  static String clip(String text, int max) {
    String line = oneLine(text);
    if (line.codePointCount(0, line.length()) <= max) {
      return line;
    }
    int end = line.offsetByCodePoints(0, max);
    int space = line.lastIndexOf(' ', end);
    if (space >= end / 2) {
      end = space;
    }
    return line.substring(0, end).strip() + "…";
  }
}
