package dev.pith.app;

import dev.pith.inference.CancellationToken;
import dev.pith.inference.ChatBackend;
import dev.pith.inference.GenerationException;
import dev.pith.inference.GenerationRequest;
import dev.pith.inference.GenerationSettings;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.OneLine;
import dev.pith.inference.Prompt;
import dev.pith.inference.TokenSink;
import dev.pith.inference.power.EnergyUse;
import dev.pith.inference.power.PowerSampler;
import dev.pith.storage.Database;
import dev.pith.storage.StorageException;
import dev.pith.storage.StreamingAnswer;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answer generated and stored as it streams, the same for the terminal chat and the window: the model
 * reads the stored thread that ends with the question, the text goes to the database as it grows
 * ({@link StreamingAnswer#append} only buffers; the writer thread writes) and to the caller's sink, and the
 * answer is stored complete, cancelled or failed with what it cost: tokens, speed and, where the machine has a power
 * meter, the energy from the request to the last token with the idle draw just before it (DESIGN.md "Telemetry").
 */
public final class Answers {
  private static final Logger LOG = LoggerFactory.getLogger(Answers.class);
  /**
   * The most messages of a thread read for one prompt. The backend leaves out the oldest of them when they
   * do not fit the model's context; this only bounds what is read from the disk.
   */
  public static final int PROMPT_MESSAGES = 500;

  private Answers() {}

  /**
   * What came of one answer.
   *
   * @param stored the answer as stored
   * @param stats what it cost; null when it failed
   * @param error the one-line reason it failed; null when it did not
   */
  public record Result(Message stored, GenerationStats stats, String error) {}

  /**
   * How one answer is generated: its limits and sampling, and the system prompt put before the thread.
   *
   * @param settings the token limit and sampling
   * @param systemPrompt the model's instructions, sent as the prompt's first (system) message and never stored
   *     as a message; empty for none (the model's chat template may then add its own default)
   */
  public record Setup(GenerationSettings settings, String systemPrompt) {
    public Setup {
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(systemPrompt, "systemPrompt");
    }
  }

  /** Answers as below with no system prompt (the terminal chat's way). */
  public static Result generate(Database db, ChatBackend backend, String modelId, GenerationSettings settings,
      Message question, TokenSink sink, CancellationToken cancel, PowerSampler power) {
    return generate(db, backend, modelId, new Setup(settings, ""), question, sink, cancel, power);
  }

  /**
   * Answers the stored {@code question} on the calling thread, streaming each piece to {@code sink} as well,
   * and returns once the answer's final write has committed. A generation error is stored with the answer.
   *
   * @param modelId what the answer is stored as written by
   * @param power the machine's power readings, for the answer's energy (none stored when they do not cover it)
   * @throws StorageException when the database refuses the answer
   */
  public static Result generate(Database db, ChatBackend backend, String modelId, Setup setup,
      Message question, TokenSink sink, CancellationToken cancel, PowerSampler power) {
    Objects.requireNonNull(power, "power");
    List<Message> thread = db.read(c -> new MessageDao(c).pathTo(question.id(), PROMPT_MESSAGES));
    GenerationRequest request = new GenerationRequest(
        Prompt.chat(ThreadPrompt.messages(setup.systemPrompt(), thread)), setup.settings());
    StreamingAnswer answer =
        StreamingAnswer.start(db, question.conversationId(), question.id(), modelId, backend.id());
    long start = System.nanoTime();
    try {
      GenerationStats stats = backend.generate(request, (id, text) -> {
        answer.append(text);
        sink.onToken(id, text);
      }, cancel);
      Optional<EnergyUse> energy = power.energyUse(start, System.nanoTime());
      MessageMetrics metrics = ThreadPrompt.metrics(stats, energy);
      return new Result(waitFor(answer.finish(ThreadPrompt.status(stats), null, metrics)), stats, null);
    } catch (GenerationException e) {
      LOG.debug("the answer failed", e);
      String error = OneLine.of(e.getMessage());
      return new Result(waitFor(answer.finish(MessageStatus.ERROR, error, MessageMetrics.NONE)), null, error);
    }
  }

  private static Message waitFor(CompletableFuture<Message> stored) {
    try {
      return stored.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof StorageException s ? s : e;
    }
  }
}
