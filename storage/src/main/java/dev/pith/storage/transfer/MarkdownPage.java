package dev.pith.storage.transfer;

import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.Role;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One conversation as a Markdown page, for reading: the title as a heading, when it started and was last
 * used, then the thread the app shows (the path to the newest message), each message under a heading that
 * says who wrote it. Message text is written as it is (it is Markdown already). Answers that did not finish
 * carry a visible note, and a message with other versions (a regenerated answer, an edited question) says
 * how many, since only the JSON export holds them.
 */
final class MarkdownPage {
  /** A message of the thread and how many other versions of it the conversation has. */
  record Entry(Message message, int otherVersions) {}

  private final DateTimeFormatter dates;

  MarkdownPage(ZoneId zone) {
    this.dates = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm z", Locale.ROOT).withZone(zone);
  }

  void write(Conversation c, List<Entry> thread, Writer out) throws IOException {
    String title = c.title().isBlank() ? "Untitled conversation" : oneLine(c.title());
    out.write("# " + title + "\n\n");
    out.write("_Started " + dates.format(c.created()) + " · last active " + dates.format(c.updated()) + "_\n\n");
    if (thread.isEmpty()) {
      out.write("_No messages._\n");
    }
    for (Entry entry : thread) {
      writeMessage(entry, out);
    }
  }

  private static void writeMessage(Entry entry, Writer out) throws IOException {
    Message m = entry.message();
    out.write("### " + author(m) + "\n\n");
    if (entry.otherVersions() > 0) {
      out.write(otherVersions(m.role(), entry.otherVersions()) + "\n\n");
    }
    String text = m.content().isEmpty() ? "_(no text)_" : m.content();
    out.write(text);
    out.write(text.endsWith("\n") ? "\n" : "\n\n");
    String note = statusNote(m);
    if (!note.isEmpty()) {
      out.write("> " + note + "\n\n");
    }
  }

  /** "You", "Assistant (qwen2.5-1.5b-instruct, cpu)", "System". */
  private static String author(Message m) {
    return switch (m.role()) {
      case USER -> "You";
      case SYSTEM -> "System";
      case ASSISTANT -> {
        String made = Stream.of(m.modelId(), m.backend()).filter(Objects::nonNull).collect(Collectors.joining(", "));
        yield made.isEmpty() ? "Assistant" : "Assistant (" + made + ")";
      }
    };
  }

  private static String otherVersions(Role role, int n) {
    String of = switch (role) {
      case USER -> "question";
      case ASSISTANT -> "answer";
      case SYSTEM -> "message";
    };
    return n == 1
        ? "_1 other version of this " + of + " is in the JSON export._"
        : "_" + n + " other versions of this " + of + " are in the JSON export._";
  }

  /** A visible note for an answer that did not finish; empty for a complete message. */
  private static String statusNote(Message m) {
    return switch (m.status()) {
      case COMPLETE -> "";
      case STREAMING -> "**Unfinished:** this answer was still being written when it was exported.";
      case INTERRUPTED -> "**Interrupted:** Pith stopped before this answer was finished.";
      case CANCELLED -> "**Stopped:** the answer was stopped before it was finished.";
      case ERROR -> "**Error:** "
          + (m.error() == null || m.error().isBlank() ? "the answer failed." : oneLine(m.error()));
    };
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
