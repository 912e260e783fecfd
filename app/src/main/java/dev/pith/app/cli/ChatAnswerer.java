package dev.pith.app.cli;

import dev.pith.app.Answers;
import dev.pith.inference.CancellationToken;
import dev.pith.storage.Database;
import dev.pith.storage.StorageException;
import dev.pith.storage.model.Message;

/**
 * Answers one stored question in the terminal: the answer streams to stdout as {@link Answers} generates and
 * stores it, then its cost (or why it failed) is printed. Ctrl+C cancels it.
 */
final class ChatAnswerer {
  private final Database db;
  private final ChatModel model;
  private final ChatInterrupts interrupts;
  private final ChatConsole console;

  ChatAnswerer(Database db, ChatModel model, ChatInterrupts interrupts, ChatConsole console) {
    this.db = db;
    this.model = model;
    this.interrupts = interrupts;
    this.console = console;
  }

  /**
   * Generates and stores the answer to {@code question}, which is already stored. Returns once the answer's
   * final write has committed. A generation error is stored with the answer and printed; the chat goes on.
   *
   * @throws StorageException when the database refuses the answer
   */
  Message answer(Message question) {
    PlainOutput output = new PlainOutput(console.out(), console.err());
    CancellationToken cancel = interrupts.answerStarted();
    Answers.Result result;
    try {
      result = Answers.generate(db, model.backend(), model.id(), model.settings(), question, output::onToken,
          cancel, model.power());
    } finally {
      interrupts.answerEnded();
      output.endLine();
    }
    if (result.stats() != null) {
      console.note(StatsFormat.brief(result.stats()));
    } else {
      console.problem("The answer failed: " + result.error());
    }
    return result.stored();
  }
}
