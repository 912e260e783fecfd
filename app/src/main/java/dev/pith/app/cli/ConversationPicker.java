package dev.pith.app.cli;

import dev.pith.storage.Database;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageStatus;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** {@code /list} and {@code /open}: the recent conversations, numbered, and finding one by number or id. */
final class ConversationPicker {
  /** How many conversations {@code /list} shows. */
  static final int LISTED = 20;
  /** How many of its last messages {@code /open} shows. */
  static final int SHOWN = 6;
  /** How much of each shown message (characters). */
  static final int SHOWN_LENGTH = 200;
  private static final Pattern NUMBER = Pattern.compile("\\d{1,6}");
  private static final Pattern ID_PREFIX = Pattern.compile("[0-9a-fA-F-]{1,36}");

  private final Database db;
  private final ChatConsole console;
  /** What the last {@code /list} showed, so that {@code /open 2} means the second line of it. */
  private List<Conversation> listed = List.of();

  ConversationPicker(Database db, ChatConsole console) {
    this.db = db;
    this.console = console;
  }

  /** Prints the recent conversations numbered from 1, the current one marked with {@code *}. */
  void list(Predicate<Conversation> isCurrent) {
    listed = recent();
    if (listed.isEmpty()) {
      console.line("No conversations yet.");
      return;
    }
    for (int i = 0; i < listed.size(); i++) {
      Conversation c = listed.get(i);
      String mark = isCurrent.test(c) ? "*" : " ";
      console.line(String.format("%s%2d. %s  (%s, %s)", mark, i + 1, Display.title(c.title()),
          Display.time(c.updated()), Display.shortId(c.id())));
    }
  }

  /**
   * The conversation {@code argument} names: a number of the last {@code /list} (of the recent ones when
   * there was none), else the start of an id. Prints a one-line hint and returns empty when it names none.
   */
  Optional<Conversation> find(String argument) {
    if (argument.isEmpty()) {
      console.problem("Usage: /open N (a number from /list) or /open ID (the start of a conversation id).");
      return Optional.empty();
    }
    if (NUMBER.matcher(argument).matches()) {
      List<Conversation> numbered = listed.isEmpty() ? recent() : listed;
      int n = Integer.parseInt(argument);
      if (n >= 1 && n <= numbered.size()) {
        return Optional.of(numbered.get(n - 1));
      }
    }
    List<Conversation> matches = ID_PREFIX.matcher(argument).matches()
        ? db.read(c -> new ConversationDao(c).findByIdPrefix(argument, 2))
        : List.of();
    if (matches.size() == 1) {
      return Optional.of(matches.get(0));
    }
    console.problem(matches.isEmpty()
        ? "No conversation " + argument + "; /list shows them."
        : "More than one conversation id starts with " + argument + "; type more of it.");
    return Optional.empty();
  }

  /**
   * Prints the conversation's title and the last messages of its thread; returns the last message, which
   * the next question follows (empty for a conversation without messages).
   */
  Optional<UUID> show(Conversation conversation) {
    List<Message> thread = db.read(c -> new MessageDao(c).thread(conversation.id(), SHOWN));
    console.line("Conversation \"" + Display.title(conversation.title()) + "\" (" + Display.shortId(conversation.id())
        + ")" + (thread.isEmpty() ? ", no messages yet." : ":"));
    for (Message m : thread) {
      console.line(Display.role(m.role()) + ": " + Display.clip(shown(m), SHOWN_LENGTH));
    }
    return thread.isEmpty() ? Optional.empty() : Optional.of(thread.get(thread.size() - 1).id());
  }

  private static String shown(Message m) {
    if (m.status() == MessageStatus.ERROR) {
      return "(failed: " + m.error() + ")";
    }
    String text = m.content().isBlank() ? "(empty)" : m.content();
    return m.status() == MessageStatus.COMPLETE ? text : text + " (" + m.status().wireName() + ")";
  }

  private List<Conversation> recent() {
    return db.read(c -> new ConversationDao(c).recent(LISTED, false));
  }
}
