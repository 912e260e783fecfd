package dev.pith.app.cli;

import dev.pith.storage.Database;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code pith chat} loop: one line at a time, a message for the model or a command. Each message is
 * stored as the user's, after the last message of the thread, and answered before the next line is read.
 */
final class ChatSession {
  static final String HELP = String.join(System.lineSeparator(),
      "Type a message and press Enter. Commands:",
      "  /new      start a new conversation",
      "  /list     the recent conversations, numbered",
      "  /open N   open conversation N of /list (or the one whose id starts with N) and show its last messages",
      "  /help     this help",
      "  /quit     leave (Ctrl+D too); Ctrl+C stops an answer",
      "A message that starts with a slash is typed with two: //etc/hosts.");

  private final Database db;
  private final String modelId;
  private final ChatAnswerer answerer;
  private final ConversationPicker picker;
  private final ChatConsole console;
  /** The conversation being written; null until the first message or {@code /open}. */
  private Conversation conversation;
  /** The message the next question follows; null while the conversation has none. */
  private UUID leaf;

  ChatSession(Database db, ChatModel model, ChatInterrupts interrupts, ChatConsole console) {
    this.db = db;
    this.modelId = model.id();
    this.answerer = new ChatAnswerer(db, model, interrupts, console);
    this.picker = new ConversationPicker(db, console);
    this.console = console;
  }

  /**
   * Reads and handles lines until {@code /quit} or the end of input. Every answer is stored before the next
   * line is read.
   *
   * @return the exit code, 0
   * @throws dev.pith.storage.StorageException when the database refuses a message
   */
  int run(BufferedReader in) throws IOException {
    console.note("Pith chat — " + modelId + ", new conversation. /help for commands.");
    while (true) {
      console.prompt();
      String line = in.readLine();
      if (line == null) {
        console.note(""); // Ctrl+D leaves the cursor after the prompt
        return 0;
      }
      if (!handle(ChatLine.parse(line))) {
        return 0;
      }
    }
  }

  /** Handles one line; false when it asks to leave. */
  private boolean handle(ChatLine line) {
    if (line instanceof ChatLine.Say say) {
      say(say.text());
    } else if (line instanceof ChatLine.Command command) {
      return command(command);
    }
    return true;
  }

  private boolean command(ChatLine.Command command) {
    switch (command.name()) {
      case "quit":
      case "exit":
        return false;
      case "new":
        conversation = null;
        leaf = null;
        console.note("New conversation: your next message starts it.");
        break;
      case "list":
        picker.list(c -> conversation != null && c.id().equals(conversation.id()));
        break;
      case "open":
        picker.find(command.argument()).ifPresent(this::open);
        break;
      case "help":
        console.line(HELP);
        break;
      default:
        console.problem("Unknown command /" + command.name() + "; /help lists the commands.");
    }
    return true;
  }

  private void open(Conversation opened) {
    conversation = opened;
    leaf = picker.show(opened).orElse(null);
  }

  /** Stores {@code text} as the user's next message (starting the conversation if needed) and answers it. */
  private void say(String text) {
    Instant now = Instant.now(db.clock());
    if (conversation == null) {
      Conversation fresh = Conversation.create(now);
      conversation = new Conversation(fresh.id(), Display.newTitle(text), now, now, false, false);
    }
    Conversation current = conversation;
    Message question = Message.written(current.id(), leaf, Role.USER, text, now);
    db.writeAndWait("saving your message", c -> {
      new ConversationDao(c).insertIfAbsent(current);
      new MessageDao(c).insert(question);
      return null;
    });
    leaf = answerer.answer(question).id();
  }
}
