package dev.pith.app.cloud;

import dev.pith.app.kiosk.KioskMode;
import dev.pith.inference.CancellationToken;
import dev.pith.inference.ChatMessage;
import dev.pith.inference.cloud.CloudEndpoint;
import dev.pith.inference.cloud.CloudException;
import dev.pith.inference.cloud.CloudReply;
import dev.pith.inference.cloud.CloudTimeouts;
import dev.pith.inference.cloud.OpenAiCompatibleClient;
import dev.pith.inference.cloud.StreamingRehydrator;
import dev.pith.inference.privacy.EntityType;
import dev.pith.inference.privacy.PlaceholderMap;
import dev.pith.inference.privacy.Redaction;
import dev.pith.inference.privacy.Sanitized;
import dev.pith.inference.privacy.Sanitizer;
import dev.pith.storage.Database;
import dev.pith.storage.StorageException;
import dev.pith.storage.StreamingAnswer;
import dev.pith.storage.dao.CloudAuditDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.model.CloudAuditEntry;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Ask the cloud" without a window (DESIGN.md "Cloud escalation"): {@link #prepare} sanitizes the chosen part of a
 * conversation into a {@link Preview} (nothing is sent), {@link #send} sends exactly that preview once the user
 * confirmed it, streams the answer back with the originals put back in, stores it as its own assistant message
 * (backend {@code cloud}, model id {@code "<model> @ <host>"}) that replies to the escalated answer, and writes the
 * audit row. Used by {@code pith escalate} and by the window.
 *
 * <p>Refusals ({@link EscalationException}, nothing sent): kiosk mode, the cloud off, no base URL or model, no API
 * key, nothing to escalate, settings changed between preview and send.
 *
 * <p>What is stored when a send fails: a failure before any of the answer arrived (no connection, a refused key,
 * 429, 5xx, a silent server, a cancel) stores no message: the conversation is as it was. A failure after part of
 * the answer arrived (a connection reset, a server gone silent, a broken line) stores what arrived as a message with
 * status {@code error} and the one-line reason (or {@code cancelled} when the user stopped it), like a local answer
 * that failed. Either way an audit row records the attempt: it is written before the request goes (outcome
 * {@code sending}, so a crash mid-answer still leaves it, marked interrupted at the next start) and finished with the
 * outcome, {@code bytes_sent} 0 when no connection was made.
 *
 * <p>Placeholders are numbered per conversation for as long as this object lives (in memory only), so the same
 * address is {@code [EMAIL_1]} in every escalation of the conversation. Thread-safe; {@link #send} blocks its thread
 * (run it off the FX thread).
 */
public final class Escalation {
  /** Pith's own instruction, sent first; it holds nothing of the user's. */
  static final String INSTRUCTION = "You are helping the user of Pith, an offline assistant. Personal details in "
      + "this conversation were replaced with placeholders such as [EMAIL_1] or [NAME_2]; write them exactly like "
      + "that when you refer to them.";
  /** Sent after the escalated answer, so the cloud model answers the question again rather than continuing. */
  static final String RETRY = "The last answer above came from a small offline model and may be wrong or "
      + "incomplete. Please answer my last question again, as well as you can.";
  /** The most messages read back from the escalated answer. */
  static final int MAX_MESSAGES = 500;
  public static final String BACKEND = "cloud";
  private static final Logger LOG = LoggerFactory.getLogger(Escalation.class);

  private final Database db;
  private final KioskMode kiosk;
  private final ApiKeyStore keys;
  private final CloudTimeouts timeouts;
  private final Locale locale;
  private final Map<UUID, PlaceholderMap> placeholders = new ConcurrentHashMap<>();

  public Escalation(Database db, KioskMode kiosk, ApiKeyStore keys, CloudTimeouts timeouts, Locale locale) {
    this.db = Objects.requireNonNull(db, "db");
    this.kiosk = Objects.requireNonNull(kiosk, "kiosk");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    this.locale = Objects.requireNonNull(locale, "locale");
  }

  /**
   * What came of a send.
   *
   * @param stored the cloud answer as stored; null when nothing of it arrived (see the class comment)
   * @param audit the audit row written
   * @param error the one-line reason it failed; null when it did not
   * @param cancelled the user stopped it
   * @param failure what kind of failure {@code error} is, for advice in the caller's own words (a refused key: set
   *     another); null when it did not fail, or failed otherwise (an empty answer)
   */
  public record Result(Message stored, CloudAuditEntry audit, String error, boolean cancelled,
      CloudException.Kind failure) {
    public boolean ok() {
      return error == null && !cancelled;
    }
  }

  /** The sanitizer with the user's privacy settings (the region, the terms) as they are now. */
  public static Sanitizer sanitizer(Database db, Locale locale) {
    return Sanitizer.standard(CloudStore.privacy(db).options(locale));
  }

  /** The newest assistant answer of the conversation's thread (the one on screen), if it has one. */
  public static Optional<UUID> latestAnswer(Database db, UUID conversationId) {
    return db.read(c -> {
      List<Message> thread = new MessageDao(c).thread(conversationId, MAX_MESSAGES);
      for (int i = thread.size() - 1; i >= 0; i--) {
        if (thread.get(i).role() == Role.ASSISTANT) {
          return Optional.of(thread.get(i).id());
        }
      }
      return Optional.empty();
    });
  }

  /**
   * Whether the cloud may be asked now; else the reason, one line. Checks kiosk mode, the setting, the endpoint and
   * the key, without sending anything.
   */
  public Optional<String> unavailable() {
    try {
      endpoint();
      key();
      return Optional.empty();
    } catch (EscalationException | ApiKeyException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Sanitizes the last {@code turns} exchanges of the thread that ends with {@code answerId} (1: that answer and
   * the question before it) into what would be sent. Sends nothing. Reads the database: off the FX thread.
   *
   * @throws EscalationException when the cloud may not be asked or there is nothing to escalate
   */
  public Preview prepare(UUID conversationId, UUID answerId, int turns) {
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(answerId, "answerId");
    if (turns < 1) {
      throw new EscalationException("at least one exchange is sent (turns >= 1), not " + turns);
    }
    CloudEndpoint endpoint = endpoint();
    List<Message> thread = db.read(c -> new MessageDao(c).pathTo(answerId, MAX_MESSAGES));
    if (thread.isEmpty() || !thread.get(thread.size() - 1).conversationId().equals(conversationId)) {
      throw new EscalationException("no message " + answerId + " in conversation " + conversationId);
    }
    Message answer = thread.get(thread.size() - 1);
    if (answer.role() != Role.ASSISTANT) {
      throw new EscalationException("only an answer can be escalated; message " + answerId + " is the user's");
    }
    List<Message> context = lastExchanges(thread, turns);
    Message question = context.stream().filter(m -> m.role() == Role.USER).reduce((a, b) -> b)
        .orElseThrow(() -> new EscalationException("the answer has no question before it to ask the cloud"));
    Sanitizer sanitizer = sanitizer(db, locale);
    PlaceholderMap map = placeholders.computeIfAbsent(conversationId, id -> new PlaceholderMap());
    List<Preview.Part> parts = new ArrayList<>();
    Map<EntityType, Integer> counts = new EnumMap<>(EntityType.class);
    parts.add(new Preview.Part(ChatMessage.Role.SYSTEM, INSTRUCTION, List.of()));
    int exchanges = 0;
    synchronized (map) {
      for (Message m : context) {
        if (m.status() == MessageStatus.ERROR || m.content().isBlank()) {
          continue; // never said: a failed or empty answer
        }
        exchanges += m.role() == Role.USER ? 1 : 0;
        Sanitized s = sanitizer.sanitize(m.content(), map);
        s.counts().forEach((type, n) -> counts.merge(type, n, Integer::sum));
        parts.add(new Preview.Part(m.role() == Role.USER ? ChatMessage.Role.USER : ChatMessage.Role.ASSISTANT,
            s.text(), highlights(s)));
      }
    }
    if (parts.get(parts.size() - 1).role() == ChatMessage.Role.ASSISTANT) {
      parts.add(new Preview.Part(ChatMessage.Role.USER, RETRY, List.of()));
    }
    List<ChatMessage> messages = parts.stream().map(p -> new ChatMessage(p.role(), p.text())).toList();
    String body = new String(OpenAiCompatibleClient.requestBody(endpoint.model(), messages),
        StandardCharsets.UTF_8);
    return new Preview(conversationId, answerId, question.id(), endpoint, exchanges, parts, counts, body, map);
  }

  /**
   * Sends {@code preview} (its body, unchanged) and streams the answer, originals put back, to {@code sink} on this
   * thread; stores it and the audit row (see the class comment for what is stored on failure). Returns once both
   * are written.
   *
   * @throws EscalationException when the cloud may not be asked now (nothing sent, nothing stored)
   * @throws StorageException when the database refuses the answer or the audit row
   */
  public Result send(Preview preview, Consumer<String> sink, CancellationToken cancel) {
    Objects.requireNonNull(preview, "preview");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(cancel, "cancel");
    CloudEndpoint endpoint = endpoint();
    if (!endpoint.equals(preview.endpoint())) {
      throw new EscalationException("the cloud settings changed since the preview; look at the new preview first");
    }
    String key = key();
    if (cancel.isCancelled()) {
      throw new EscalationException("cancelled before sending; nothing was sent");
    }
    PlaceholderMap map = preview.placeholders();
    Instant sentAt = db.clock().instant();
    byte[] body = preview.body().getBytes(StandardCharsets.UTF_8);
    Reply reply = new Reply(preview, sink);
    StreamingRehydrator rehydrator = new StreamingRehydrator(text -> {
      synchronized (map) {
        return map.rehydrate(text);
      }
    }, reply::append);
    Map<String, Integer> counts = new java.util.TreeMap<>();
    preview.counts().forEach((type, n) -> counts.put(type.name(), n));
    // The record of what is sent is written before it goes: a crash mid-answer still leaves it (marked interrupted).
    CloudAuditEntry entry = new CloudAuditEntry(0, sentAt, preview.conversationId(), preview.questionId(),
        endpoint.host(), endpoint.chatUrl().toString(), endpoint.model(), preview.body(), preview.redactions(),
        CloudAuditDao.SENDING, body.length, counts);
    long id = db.writeAndWait("recording what is sent to the cloud", c -> new CloudAuditDao(c).insert(entry));
    String error = null;
    CloudException.Kind failure = null;
    boolean cancelled;
    long bytesSent = body.length;
    LOG.info("asking {} ({}): {} bytes, {} replacements", endpoint.host(), endpoint.model(), body.length,
        preview.redactions());
    try {
      CloudReply answer = new OpenAiCompatibleClient(endpoint, timeouts).stream(body, key, rehydrator::accept, cancel);
      rehydrator.finish();
      cancelled = answer.cancelled();
      if (!cancelled && reply.length() == 0) {
        error = endpoint.host() + " sent an empty answer";
      }
    } catch (CloudException e) {
      rehydrator.finish();
      error = e.getMessage();
      failure = e.kind();
      cancelled = false;
      bytesSent = e.requestMayHaveLeft() ? body.length : 0;
      LOG.info("the cloud answer failed: {}", error);
    }
    Message stored = reply.finish(error, cancelled);
    String outcome = error != null ? error
        : cancelled ? "cancelled (" + reply.length() + " characters had arrived)" : "ok";
    long sent = bytesSent;
    db.writeAndWait("recording how the cloud request ended", c -> new CloudAuditDao(c).finish(id, outcome, sent));
    CloudAuditEntry audit = new CloudAuditEntry(id, entry.sentAt(), entry.conversationId(), entry.messageId(),
        entry.provider(), entry.endpoint(), entry.model(), entry.sentText(), entry.redactions(), outcome, sent,
        entry.entityCounts());
    return new Result(stored, audit, error, cancelled, failure);
  }

  /** The model id a cloud answer is stored with: {@code "gpt-4o-mini @ api.openai.com"}. */
  public static String modelId(CloudEndpoint endpoint) {
    return endpoint.model() + " @ " + endpoint.host();
  }

  private CloudEndpoint endpoint() {
    if (!kiosk.allowsCloud()) {
      throw new EscalationException("the cloud is not available in kiosk mode");
    }
    CloudSettings settings = CloudStore.cloud(db);
    if (!settings.enabled()) {
      throw new EscalationException("asking the cloud is off; turn it on with pith settings set cloud.enabled true");
    }
    if (settings.baseUrl().isBlank() || settings.model().isBlank()) {
      throw new EscalationException("the cloud needs a base URL and a model first: pith settings set "
          + "cloud.base_url https://api.openai.com/v1 and pith settings set cloud.model NAME");
    }
    return settings.endpoint().orElseThrow(() -> new EscalationException("the cloud base URL \""
        + settings.baseUrl() + "\" is not an http(s) URL with a host"));
  }

  private String key() {
    return keys.key().orElseThrow(() -> new EscalationException("no cloud API key: set one with pith cloud set-key"
        + " (or the environment variable " + ApiKeyStore.ENV + ")"));
  }

  /** The messages of the last {@code turns} exchanges: back to the {@code turns}-th question from the end. */
  static List<Message> lastExchanges(List<Message> thread, int turns) {
    int from = thread.size() - 1;
    int questions = 0;
    for (int i = thread.size() - 1; i >= 0; i--) {
      if (thread.get(i).role() == Role.SYSTEM) {
        continue;
      }
      from = i;
      if (thread.get(i).role() == Role.USER && ++questions == turns) {
        break;
      }
    }
    return thread.subList(from, thread.size()).stream().filter(m -> m.role() != Role.SYSTEM).toList();
  }

  private static List<Preview.Highlight> highlights(Sanitized s) {
    List<Preview.Highlight> out = new ArrayList<>();
    int shift = 0;
    for (Redaction r : s.redactions()) {
      int start = r.start() + shift;
      out.add(new Preview.Highlight(r.type(), start, start + r.placeholder().length(), r.placeholder(),
          r.original()));
      shift += r.placeholder().length() - (r.end() - r.start());
    }
    return out;
  }

  /**
   * The cloud answer as it arrives: its message is inserted (as {@code streaming}) with the first piece, so a send
   * that fails before any of it arrives stores nothing.
   */
  private final class Reply {
    private final Preview preview;
    private final Consumer<String> sink;
    private final long startNanos = System.nanoTime();
    private StreamingAnswer answer;
    private Double ttftMillis;
    private int length;

    Reply(Preview preview, Consumer<String> sink) {
      this.preview = preview;
      this.sink = sink;
    }

    void append(String piece) {
      if (answer == null) {
        ttftMillis = (System.nanoTime() - startNanos) / 1e6;
        answer = StreamingAnswer.start(db, preview.conversationId(), preview.answerId(), modelId(preview.endpoint()),
            BACKEND);
      }
      length += piece.length();
      answer.append(piece);
      sink.accept(piece);
    }

    int length() {
      return length;
    }

    /** Stores the answer as it ended; null when none of it arrived. */
    Message finish(String error, boolean cancelled) {
      if (answer == null) {
        return null;
      }
      MessageStatus status = error != null ? MessageStatus.ERROR
          : cancelled ? MessageStatus.CANCELLED : MessageStatus.COMPLETE;
      MessageMetrics metrics = new MessageMetrics(null, null, ttftMillis, null, null, null, null);
      return waitFor(answer.finish(status, error, metrics));
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
