package dev.pith.app.ui.chat;

import dev.pith.app.Answers;
import dev.pith.app.cli.BackendLoader;
import dev.pith.app.cli.Display;
import dev.pith.app.cloud.Escalation;
import dev.pith.app.cloud.Preview;
import dev.pith.app.ui.CoalescingTextSink;
import dev.pith.app.ui.UiThreads;
import dev.pith.inference.CancellationToken;
import dev.pith.inference.ChatBackend;
import dev.pith.inference.GenerationStats;
import dev.pith.inference.OneLine;
import dev.pith.inference.TokenSink;
import dev.pith.inference.cloud.CloudException;
import dev.pith.inference.cpu.CpuBackendOptions;
import dev.pith.inference.power.PowerSampler;
import dev.pith.storage.Database;
import dev.pith.storage.SqlWork;
import dev.pith.storage.StorageException;
import dev.pith.storage.dao.ConversationDao;
import dev.pith.storage.dao.MessageDao;
import dev.pith.storage.dao.SearchDao;
import dev.pith.storage.model.Conversation;
import dev.pith.storage.model.Message;
import dev.pith.storage.model.MessageMetrics;
import dev.pith.storage.model.MessageStatus;
import dev.pith.storage.model.Role;
import dev.pith.storage.model.SearchHit;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat window's model: the conversations, the thread on screen and the answer being generated, changed
 * only by its command methods, on the FX thread. The work behind a command runs elsewhere (DESIGN.md
 * "Threads"): reads on the "pith-ui-io" thread, writes on the database's writer thread, the model on
 * "pith-inference"; results come back with {@code fx}.
 */
public final class ChatController implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChatController.class);
  /** The most messages of a thread shown (and read for one prompt; the backend trims to its context). */
  static final int THREAD_LIMIT = 500;
  /** The most conversations in the sidebar. */
  static final int SIDEBAR_LIMIT = 1000;
  static final int SEARCH_LIMIT = 50;

  private final Database db;
  private final BackendLoader backends;
  private final Clock clock;
  private final Executor fx;
  private final PowerSampler power;
  private final AnswerSettings settings;
  private final ExecutorService io = UiThreads.single("pith-ui-io");
  private final ExecutorService inference = UiThreads.single("pith-inference");
  /** Sends to the cloud and waits for its answer (seconds to a minute), so neither io nor inference waits. */
  private final ExecutorService cloud = UiThreads.single("pith-cloud");

  private final ObservableList<Conversation> conversations = FXCollections.observableArrayList();
  private final ObservableList<ThreadItem> thread = FXCollections.observableArrayList();
  // One read-only view of each, kept: a view listens to its list weakly, so a view made per call (and a
  // listener added to it) would vanish at the next garbage collection.
  private final ObservableList<Conversation> conversationsView =
      FXCollections.unmodifiableObservableList(conversations);
  private final ObservableList<ThreadItem> threadView = FXCollections.unmodifiableObservableList(thread);
  private final ReadOnlyObjectWrapper<Conversation> open = new ReadOnlyObjectWrapper<>(this, "open");
  private final ReadOnlyObjectWrapper<ModelState> model = new ReadOnlyObjectWrapper<>(this, "model", ModelState.NONE);
  private final ReadOnlyObjectWrapper<LiveAnswer> live = new ReadOnlyObjectWrapper<>(this, "live");
  private final ReadOnlyObjectWrapper<GenerationStats> lastStats = new ReadOnlyObjectWrapper<>(this, "lastStats");
  private final ReadOnlyObjectWrapper<UUID> focus = new ReadOnlyObjectWrapper<>(this, "focus");
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
  private final ReadOnlyStringWrapper backendNote = new ReadOnlyStringWrapper(this, "backendNote", "");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  /** Conversations deleted in the window whose Undo is still offered: hidden, not yet deleted. */
  private final Set<UUID> pendingDeletes = new LinkedHashSet<>();
  /** The backend that is loaded; read and written on the inference thread only (and at close, after it ends). */
  private ChatBackend loaded;
  /** Bumped by every command that replaces the thread, so a slower earlier read cannot overwrite it. */
  private long threadRequest;
  private CancellationToken cancel;

  /**
   * @param fx runs results on the FX thread ({@code Platform::runLater})
   * @param settings how each answer is generated, asked again for every answer
   * @param power the machine's power readings, for each answer's energy
   */
  public ChatController(Database db, BackendLoader backends, Clock clock, Executor fx, AnswerSettings settings,
      PowerSampler power) {
    this.db = Objects.requireNonNull(db, "db");
    this.backends = Objects.requireNonNull(backends, "backends");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.fx = Objects.requireNonNull(fx, "fx");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.power = Objects.requireNonNull(power, "power");
    backends.onFallback(this::fellBack);
  }

  // ---- what the views read

  /**
   * The "pith-ui-io" thread, for other parts of the window that read the database or the disk (Settings); it
   * stops when the controller closes.
   */
  public Executor io() {
    return io;
  }

  /** The sidebar's conversations, pinned first, then newest first. */
  public ObservableList<Conversation> conversations() {
    return conversationsView;
  }

  /** The thread on screen, first message first; the last item is live while an answer streams. */
  public ObservableList<ThreadItem> thread() {
    return threadView;
  }

  /** The conversation on screen; null for a new chat that has no message yet. */
  public ReadOnlyObjectProperty<Conversation> openProperty() {
    return open.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<ModelState> modelProperty() {
    return model.getReadOnlyProperty();
  }

  /** The answer being generated; null when none is. */
  public ReadOnlyObjectProperty<LiveAnswer> liveProperty() {
    return live.getReadOnlyProperty();
  }

  /** What the last answer cost, set when it ends. */
  public ReadOnlyObjectProperty<GenerationStats> lastStatsProperty() {
    return lastStats.getReadOnlyProperty();
  }

  /** A message to bring into view (a search hit), or null. */
  public ReadOnlyObjectProperty<UUID> focusProperty() {
    return focus.getReadOnlyProperty();
  }

  /** The last thing that went wrong, as one line for a banner; empty when nothing did. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  /**
   * Why the loaded model's answers moved to another backend (Auto: the NPU stopped answering, so the CPU took
   * over); empty until that happens. The model's backend id has changed by then.
   */
  public ReadOnlyStringProperty backendNoteProperty() {
    return backendNote.getReadOnlyProperty();
  }

  /** True from the moment a question is sent until its answer is stored. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  // ---- commands

  /** Shows {@code text} in the banner above the chat (why the window did not start as asked, say). */
  public void showProblem(String text) {
    problem.set(Objects.requireNonNull(text, "text"));
  }

  /**
   * Loads the model folder on the inference thread, after the answer being generated (if any) and after closing
   * the model loaded before; the state says when it is ready or why it failed.
   */
  public void loadModel(Path dir, CpuBackendOptions options) {
    backendNote.set("");
    model.set(ModelState.loading(dir));
    inference.execute(() -> {
      if (loaded != null) {
        loaded.close();
        loaded = null;
      }
      ModelState after;
      try {
        loaded = backends.load(dir, options);
        after = ModelState.ready(dir, loaded);
      } catch (Exception e) {
        LOG.warn("cannot load the model in {}", dir, e);
        after = ModelState.failed(dir, OneLine.of(e.getMessage()));
      }
      ModelState loaded = after;
      fx.execute(() -> model.set(loaded));
    });
  }

  /**
   * Loads the model on screen again with {@code options} (Settings changed its threads or context length); the
   * conversation stays. Does nothing when no model was chosen.
   */
  public void reloadModel(CpuBackendOptions options) {
    Path dir = model.get().dir();
    if (dir != null) {
      loadModel(dir, options);
    }
  }

  /** Reads the sidebar's conversations again. */
  public void refreshConversations() {
    read(c -> new ConversationDao(c).recent(SIDEBAR_LIMIT, false), list -> {
      List<Conversation> shown = new ArrayList<>(list);
      shown.removeIf(conversation -> pendingDeletes.contains(conversation.id()));
      conversations.setAll(shown);
    });
  }

  /** An empty chat: the next question starts a new conversation. */
  public void newChat() {
    threadRequest++;
    open.set(null);
    thread.clear();
    focus.set(null);
  }

  /** Shows a conversation: the path to its newest message. */
  public void open(UUID conversationId) {
    showThread(conversationId, null);
  }

  /** Shows the conversation of a search hit at that message (the newest thread through it). */
  public void openMessage(UUID conversationId, UUID messageId) {
    showThread(conversationId, messageId);
  }

  /** Shows another version of {@code item} ({@code delta} -1 or +1): the newest thread through it. */
  public void showVersion(ThreadItem item, int delta) {
    int index = item.versions().indexOf(item.id()) + delta;
    if (busy.get() || index < 0 || index >= item.versions().size()) {
      return;
    }
    showThread(item.message().conversationId(), item.versions().get(index));
  }

  private void showThread(UUID conversationId, UUID through) {
    long request = ++threadRequest;
    read(c -> {
      Conversation conversation = new ConversationDao(c).find(conversationId).orElse(null);
      if (conversation == null) {
        return null;
      }
      MessageDao messages = new MessageDao(c);
      List<Message> path = through == null
          ? messages.thread(conversationId, THREAD_LIMIT)
          : messages.pathTo(messages.newestUnder(through), THREAD_LIMIT);
      return new Shown(conversation, Threads.items(path, messages.links(conversationId)));
    }, shown -> {
      if (request != threadRequest) {
        return;
      }
      if (shown == null) {
        problem.set("That conversation is no longer there.");
        refreshConversations();
        return;
      }
      open.set(shown.conversation());
      thread.setAll(shown.items());
      focus.set(through);
    });
  }

  private record Shown(Conversation conversation, List<ThreadItem> items) {}

  /** Sends a question after the last message on screen and answers it. Ignored while an answer runs. */
  public void send(String text) {
    String question = text.strip();
    if (question.isEmpty() || !canAsk()) {
      return;
    }
    Instant now = now();
    Conversation conversation = open.get() != null ? open.get()
        : new Conversation(UUID.randomUUID(), Display.newTitle(question), now, now, false, false);
    UUID parent = thread.isEmpty() ? null : thread.get(thread.size() - 1).id();
    ask(conversation, Message.written(conversation.id(), parent, Role.USER, question, now), List.of());
  }

  /** Asks {@code item}'s question again with new text, as a new version beside it. */
  public void edit(ThreadItem item, String text) {
    String question = text.strip();
    int index = thread.indexOf(item);
    if (question.isEmpty() || !canAsk() || index < 0 || item.message().role() != Role.USER) {
      return;
    }
    Message old = item.message();
    Message edited = Message.written(old.conversationId(), old.parentId(), Role.USER, question, now());
    List<UUID> versions = new ArrayList<>(item.versions());
    versions.add(edited.id());
    thread.remove(index, thread.size());
    ask(open.get(), edited, versions);
  }

  /** Answers {@code item}'s question again; the old answer stays as a version beside the new one. */
  public void regenerate(ThreadItem item) {
    int index = thread.indexOf(item);
    if (!canAsk() || index < 1 || item.message().role() != Role.ASSISTANT) {
      return;
    }
    ThreadItem question = thread.get(index - 1);
    thread.remove(index, thread.size());
    answer(question.message(), CompletableFuture.completedFuture(null), item.versions());
  }

  /**
   * Sends {@code preview} (its body unchanged: the user pressed Send under it) with {@code escalation} and streams
   * the cloud's answer, originals put back, into a live item under the escalated answer; then the thread is read
   * again through the stored answer. The escalated answer must be on screen and no answer may be running; what
   * followed it on screen makes way (it stays stored, as a version). A failure before any of the answer arrived
   * stores nothing and is shown in the banner; one after part of it arrived is stored with the answer and shown
   * under it. {@link #stop} stops it.
   *
   * @return false when it was not sent (an answer is running, or the escalated answer is not on screen)
   */
  public boolean askCloud(Escalation escalation, Preview preview) {
    int index = -1;
    for (int i = 0; i < thread.size(); i++) {
      if (thread.get(i).id().equals(preview.answerId())) {
        index = i;
      }
    }
    if (busy.get() || index < 0 || cloud.isShutdown()) {
      return false;
    }
    thread.remove(index + 1, thread.size());
    Instant now = now();
    LiveAnswer answer = new LiveAnswer(System.nanoTime(), false);
    Message placeholder = new Message(UUID.randomUUID(), preview.conversationId(), preview.answerId(),
        Role.ASSISTANT, "", MessageStatus.STREAMING, null, now, now, Escalation.modelId(preview.endpoint()),
        Escalation.BACKEND, MessageMetrics.NONE);
    thread.add(new ThreadItem(placeholder, List.of(placeholder.id()), answer));
    CancellationToken token = new CancellationToken();
    cancel = token;
    busy.set(true);
    live.set(answer);
    problem.set("");
    CoalescingTextSink toWindow = new CoalescingTextSink(fx, answer::append);
    threadRequest++;
    CompletableFuture.supplyAsync(() -> escalation.send(preview, piece -> toWindow.onToken(TokenSink.NO_TOKEN,
        piece), token), cloud).whenComplete((result, failure) -> fx.execute(() -> cloudAnswered(preview, result,
        failure)));
    return true;
  }

  private void cloudAnswered(Preview preview, Escalation.Result result, Throwable failure) {
    if (failure != null) {
      Throwable cause = unwrap(failure);
      LOG.warn("asking the cloud failed", cause);
      problem.set("The cloud was not asked: " + OneLine.of(String.valueOf(cause.getMessage())));
    } else if (result.stored() == null && result.error() != null) {
      problem.set("The cloud did not answer: " + result.error()
          + (result.failure() == CloudException.Kind.KEY_REFUSED ? "; enter the right key in Settings → Privacy"
          : ""));
    }
    UUID leaf = result != null && result.stored() != null ? result.stored().id() : preview.answerId();
    showThreadThenSettle(preview.conversationId(), leaf, () -> { }, true);
  }

  /**
   * Reads the thread to {@code leaf} again (so a stored answer and every version count show), then leaves the
   * answering state and runs {@code after}, on the FX thread. With the controller closed, only the state is left
   * ({@code whenClosed}) or nothing at all.
   */
  private void showThreadThenSettle(UUID conversationId, UUID leaf, Runnable after, boolean whenClosed) {
    long request = ++threadRequest;
    Runnable settle = () -> {
      cancel = null;
      live.set(null);
      busy.set(false);
    };
    if (io.isShutdown()) {
      if (whenClosed) {
        settle.run();
      }
      return;
    }
    CompletableFuture.supplyAsync(() -> db.read(c -> {
      MessageDao messages = new MessageDao(c);
      return Threads.items(messages.pathTo(leaf, THREAD_LIMIT), messages.links(conversationId));
    }), io).whenComplete((items, readFailure) -> fx.execute(() -> {
      if (readFailure != null) {
        report(readFailure);
      } else if (request == threadRequest && !items.isEmpty()) {
        thread.setAll(items);
      }
      settle.run();
      after.run();
      refreshConversations();
    }));
  }

  /** Stops the answer being generated; what it said so far is kept, marked as stopped. */
  public void stop() {
    if (cancel != null) {
      cancel.cancel();
    }
  }

  private boolean canAsk() {
    return !busy.get() && model.get().isReady();
  }

  private void ask(Conversation conversation, Message question, List<UUID> versions) {
    boolean fresh = open.get() == null;
    threadRequest++;
    open.set(conversation);
    focus.set(null);
    thread.add(versions.isEmpty() ? ThreadItem.single(question) : new ThreadItem(question, versions, null));
    CompletableFuture<Void> saved = db.write("saving your question", c -> {
      if (fresh) {
        new ConversationDao(c).insertIfAbsent(conversation);
      }
      new MessageDao(c).insert(question);
      return null;
    });
    if (fresh) {
      saved.thenRun(() -> fx.execute(this::refreshConversations));
    }
    answer(question, saved, List.of());
  }

  /**
   * Streams the answer to the stored (or being stored) {@code question} into a live item, then replaces it
   * with the stored answer and reads the thread again so every version count is right.
   */
  private void answer(Message question, CompletableFuture<?> saved, List<UUID> otherVersions) {
    ModelState state = model.get();
    ChatBackend backend = state.backend();
    LiveAnswer answer = new LiveAnswer(System.nanoTime(), backend.model().opensThinking());
    Instant now = now();
    Message placeholder = new Message(UUID.randomUUID(), question.conversationId(), question.id(), Role.ASSISTANT,
        "", MessageStatus.STREAMING, null, now, now, state.name(), backend.id(), MessageMetrics.NONE);
    List<UUID> versions = new ArrayList<>(otherVersions);
    versions.add(placeholder.id());
    thread.add(new ThreadItem(placeholder, versions, answer));
    CancellationToken token = new CancellationToken();
    cancel = token;
    busy.set(true);
    live.set(answer);
    problem.set("");
    CoalescingTextSink toWindow = new CoalescingTextSink(fx, answer::append);
    saved.thenApplyAsync(ignored -> Answers.generate(db, backend, state.name(),
        settings.forAnswer(question.conversationId()), question, toWindow, token, power), inference).whenComplete((outcome, failure) -> fx.execute(() -> answered(question, outcome, failure)));
  }

  /**
   * The answer is stored (or could not be): the thread is read again, so the stored answer and every version
   * count are shown, and only then does the window leave its answering state.
   */
  private void answered(Message question, Answers.Result outcome, Throwable failure) {
    if (failure != null) {
      Throwable cause = unwrap(failure);
      LOG.warn("an answer could not be stored", cause);
      problem.set("The answer could not be saved: " + OneLine.of(cause.getMessage()));
    }
    UUID leaf = outcome != null ? outcome.stored().id() : question.id();
    showThreadThenSettle(question.conversationId(), leaf, () -> {
      if (outcome != null && outcome.stats() != null) {
        lastStats.set(outcome.stats());
      }
    }, false);
  }

  public void rename(UUID conversationId, String title) {
    String clean = title.strip();
    if (clean.isEmpty()) {
      return;
    }
    write("renaming the conversation", c -> new ConversationDao(c).updateTitle(conversationId, clean,
        clock.instant()));
    Conversation current = open.get();
    if (current != null && current.id().equals(conversationId)) {
      open.set(new Conversation(current.id(), clean, current.created(), current.updated(), current.pinned(),
          current.archived()));
    }
  }

  public void setPinned(UUID conversationId, boolean pinned) {
    write("pinning the conversation", c -> new ConversationDao(c).setPinned(conversationId, pinned));
  }

  /**
   * Hides a conversation at once; it is deleted by {@link #commitDelete} (when the Undo offer ends, or at
   * close) unless {@link #undoDelete} brings it back first. An answer still streaming into it is stopped.
   */
  public void delete(UUID conversationId) {
    pendingDeletes.add(conversationId);
    conversations.removeIf(c -> c.id().equals(conversationId));
    Conversation current = open.get();
    if (current != null && current.id().equals(conversationId)) {
      stop();
      newChat();
    }
  }

  public void undoDelete(UUID conversationId) {
    if (pendingDeletes.remove(conversationId)) {
      refreshConversations();
    }
  }

  public void commitDelete(UUID conversationId) {
    if (pendingDeletes.remove(conversationId)) {
      write("deleting the conversation", c -> {
        settings.forget(c, List.of(conversationId));
        return new ConversationDao(c).delete(conversationId);
      });
    }
  }

  /**
   * Deletes these conversations at once, without Undo (kiosk mode's wipe when a visitor leaves), after stopping
   * any answer; the window shows a new chat when one of them is on screen. The future gives how many were
   * deleted, on the writer thread; a failure is shown in the banner too.
   */
  public CompletableFuture<Integer> deleteNow(Collection<UUID> conversationIds) {
    List<UUID> ids = List.copyOf(conversationIds);
    stop();
    Conversation current = open.get();
    if (current != null && ids.contains(current.id())) {
      newChat();
    }
    pendingDeletes.removeAll(ids);
    conversations.removeIf(c -> ids.contains(c.id()));
    if (inference.isShutdown()) {
      return CompletableFuture.failedFuture(new StorageException("The window has closed."));
    }
    // After the stopped answer has been stored, as in clearHistory.
    CompletableFuture<Integer> done = CompletableFuture.runAsync(() -> { }, inference)
        .thenCompose(ignored -> db.write("deleting the conversation", c -> {
          settings.forget(c, ids);
          ConversationDao dao = new ConversationDao(c);
          int deleted = 0;
          for (UUID id : ids) {
            deleted += dao.delete(id) ? 1 : 0;
          }
          return deleted;
        }));
    done.whenComplete((count, failure) -> fx.execute(() -> {
      if (failure != null) {
        report(failure);
      }
      refreshConversations();
    }));
    return done;
  }

  /**
   * How many conversations {@link #clearHistory} would delete (those waiting for their Undo included, as they
   * are about to go anyway), read on the io thread.
   */
  public CompletableFuture<Long> countConversations() {
    if (io.isShutdown()) {
      return CompletableFuture.completedFuture(0L);
    }
    return CompletableFuture.supplyAsync(() -> db.read(c -> new ConversationDao(c).count()), io);
  }

  /**
   * Deletes every conversation and message (and what Settings kept for each), after stopping any answer; the
   * window shows a new chat and an empty sidebar. The future gives how many conversations went, on the writer
   * thread; a failure is shown in the banner too. Not after {@link #close}.
   */
  public CompletableFuture<Integer> clearHistory() {
    stop();
    newChat();
    pendingDeletes.clear();
    conversations.clear();
    // After the stopped answer has been stored (the inference thread is free only then), so that it does not
    // write into a conversation that is gone.
    CompletableFuture<Integer> done = CompletableFuture.runAsync(() -> { }, inference)
        .thenCompose(ignored -> db.write("clearing the history", c -> {
          settings.forgetAll(c);
          return new ConversationDao(c).deleteAll();
        }));
    done.whenComplete((count, failure) -> fx.execute(() -> {
      if (failure != null) {
        report(failure);
      }
      refreshConversations();
    }));
    return done;
  }

  /** Full-text search on the io thread; matches are marked with {@code open} and {@code close}. */
  public CompletableFuture<List<SearchHit>> search(String text, String markOpen, String markClose) {
    if (io.isShutdown()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return CompletableFuture.supplyAsync(
        () -> db.read(c -> new SearchDao(c).search(text, SEARCH_LIMIT, markOpen, markClose)), io)
        .thenApply(hits -> {
          List<SearchHit> kept = new ArrayList<>(hits);
          kept.removeIf(hit -> pendingDeletes.contains(hit.conversationId()));
          return kept;
        });
  }

  /**
   * Stops any answer and waits (a few seconds at most) for it to be stored, deletes what is waiting for its
   * Undo to expire, and closes the model. The database is the caller's to close afterwards.
   */
  @Override
  public void close() {
    stop();
    for (UUID id : List.copyOf(pendingDeletes)) {
      commitDelete(id);
    }
    inference.shutdown();
    cloud.shutdown();
    io.shutdown();
    try {
      if (!inference.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("the answer did not stop within 10 s; closing anyway");
      }
      cloud.awaitTermination(5, TimeUnit.SECONDS);
      io.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // After the inference thread has ended (or given up waiting for it): nothing else touches the field now.
    if (loaded != null) {
      loaded.close();
      loaded = null;
    }
  }

  /**
   * The time written on a new message, to the millisecond as the database keeps it: the message on screen
   * then equals the one read back, and its view is kept when the thread is read again.
   */
  private Instant now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  /** Reads on the io thread and hands the result to {@code then} on the FX thread; failures go to the banner. */
  private <T> void read(SqlWork<T> work, Consumer<T> then) {
    if (io.isShutdown()) {
      return; // the window has closed; nothing is left to show the result in
    }
    CompletableFuture.supplyAsync(() -> db.read(work), io).whenComplete((value, failure) -> fx.execute(() -> {
      if (failure != null) {
        report(failure);
      } else {
        then.accept(value);
      }
    }));
  }

  private void write(String what, SqlWork<?> work) {
    db.write(what, work).whenComplete((value, failure) -> fx.execute(() -> {
      if (failure != null) {
        report(failure);
      }
      refreshConversations();
    }));
  }

  /** The loaded backend moved answers elsewhere (on the inference thread): the window says so. */
  private void fellBack(String message) {
    fx.execute(() -> {
      problem.set(message);
      backendNote.set(message);
    });
  }

  private void report(Throwable failure) {
    Throwable cause = unwrap(failure);
    LOG.warn("a database operation failed", cause);
    problem.set(cause instanceof StorageException ? cause.getMessage() : OneLine.of(String.valueOf(cause)));
  }

  /** The failure itself, not the wrapper a future put around it. */
  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
