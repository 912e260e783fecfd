package dev.pith.app.ui.sidebar;

import dev.pith.storage.model.SearchHit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.util.Duration;

/**
 * Turns keystrokes in the search field into searches: waits until typing pauses, runs one search for the text then in
 * the field, and reports only the answer to the latest one.
 *
 * <p>Searches run on the window's thread and may finish in any order; each gets a number, and an answer whose number
 * is no longer the latest is dropped, so a slow search for "ca" never replaces the hits for "cat". Clearing the field
 * also makes every pending answer stale. FX thread only, except that answers may arrive on any thread.
 */
final class SearchRunner {
  /** Receives what the list should show, on the FX thread. */
  interface Listener {
    /** Text was typed and the answer is not in yet. */
    void searching();

    void found(List<SearchHit> hits);

    /** {@code reason} is one line, without the "Search failed" prefix. */
    void failed(String reason);
  }

  private final Function<String, CompletableFuture<List<SearchHit>>> search;
  private final Listener listener;
  private final PauseTransition debounce;
  private String query = "";
  /** Number of the latest search started or cancelled; answers carrying another number are stale. */
  private long latest;

  SearchRunner(Function<String, CompletableFuture<List<SearchHit>>> search, Duration debounce, Listener listener) {
    this.search = Objects.requireNonNull(search, "search");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.debounce = new PauseTransition(debounce);
    this.debounce.setOnFinished(e -> start());
  }

  /** The field now holds {@code text}; blank means "not searching", which cancels the pending search. */
  void setQuery(String text) {
    String stripped = text == null ? "" : text.strip();
    if (stripped.equals(query)) {
      return;
    }
    query = stripped;
    latest++;
    if (query.isEmpty()) {
      debounce.stop();
      return;
    }
    listener.searching();
    debounce.playFromStart();
  }

  boolean isActive() {
    return !query.isEmpty();
  }

  private void start() {
    long number = ++latest;
    CompletableFuture<List<SearchHit>> answer;
    try {
      answer = Objects.requireNonNull(search.apply(query), "search returned no future");
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete((hits, error) -> onFxThread(() -> deliver(number, hits, error)));
  }

  private void deliver(long number, List<SearchHit> hits, Throwable error) {
    if (number != latest) {
      return;
    }
    if (error != null) {
      listener.failed(reason(error));
    } else {
      listener.found(hits == null ? List.of() : hits);
    }
  }

  /** The cause's message on one line, or its type when it has none. */
  static String reason(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    if (message == null || message.isBlank()) {
      return cause.getClass().getSimpleName();
    }
    return message.strip().replaceAll("\\s+", " ");
  }

  private static void onFxThread(Runnable task) {
    if (Platform.isFxApplicationThread()) {
      task.run();
    } else {
      Platform.runLater(task);
    }
  }
}
