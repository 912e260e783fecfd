package dev.pith.app.cli;

import dev.pith.app.ThreadPrompt;
import dev.pith.inference.CancellationToken;
import dev.pith.inference.GenerationException;
import dev.pith.inference.GenerationRequest;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.OneLine;
import dev.pith.inference.Prompt;
import dev.pith.storage.Database;
import dev.pith.storage.StorageException;
import dev.pith.storage.StreamingAnswer;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one stored question: the model reads the thread that ends with it, the answer streams to stdout
 * and into the database as it grows ({@link StreamingAnswer#append} only buffers; the writer thread writes),
 * and it is stored complete, cancelled (Ctrl+C) or error with what it cost.
 */
final class ChatAnswerer {
  private static final Logger LOG = LoggerFactory.getLogger(ChatAnswerer.class);
  /**
   * The most messages of a thread read for one prompt. The backend leaves out the oldest of them when they
   * do not fit the model's context; this only bounds what is read from the disk.
   */
  static final int PROMPT_MESSAGES = 500;

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
    List<Message> thread = db.read(c -> new MessageDao(c).pathTo(question.id(), PROMPT_MESSAGES));
    GenerationRequest request = new GenerationRequest(Prompt.chat(ThreadPrompt.messages(thread)), model.settings());
    StreamingAnswer answer =
        StreamingAnswer.start(db, question.conversationId(), question.id(), model.id(), model.backend().id());
    PlainOutput output = new PlainOutput(console.out(), console.err());
    CancellationToken cancel = interrupts.answerStarted();
    CompletableFuture<Message> stored;
    try {
      GenerationStats stats = model.backend().generate(request, (id, text) -> {
        output.onToken(id, text);
        answer.append(text);
      }, cancel);
      output.endLine();
      console.note(StatsFormat.brief(stats));
      stored = answer.finish(ThreadPrompt.status(stats), null, ThreadPrompt.metrics(stats));
    } catch (GenerationException e) {
      output.endLine();
      LOG.debug("the answer failed", e);
      String error = OneLine.of(e.getMessage());
      console.problem("The answer failed: " + error);
      stored = answer.finish(MessageStatus.ERROR, error, MessageMetrics.NONE);
    } finally {
      interrupts.answerEnded();
    }
    return waitFor(stored);
  }

  private static Message waitFor(CompletableFuture<Message> stored) {
    try {
      return stored.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof StorageException s ? s : e;
    }
  }
}
