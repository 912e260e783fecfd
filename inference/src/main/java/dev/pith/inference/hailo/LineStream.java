package dev.pith.inference.hailo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pith.inference.OneLine;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One reply of hailo-ollama, read line by line on the caller's thread. The HTTP client's threads put each line in a
 * queue and the caller waits on the queue with a timeout, so a silent server is noticed without a watchdog thread;
 * {@link #abort} (a cancel, a timeout, an early stop) cancels the exchange, which closes the connection at once and
 * wakes a waiting caller. A reply with an error status is read whole and thrown as a {@link HailoException}.
 */
final class LineStream implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Object END = new Object();
  private static final Object ABORTED = new Object();
  private static final int SNIPPET = 80;

  /** A failure of the exchange, as the HTTP client reported it. */
  private record Failure(Throwable cause) {}

  private final String server;
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final CompletableFuture<HttpResponse<Void>> exchange;
  private volatile Flow.Subscription subscription;
  private volatile boolean aborted;
  private volatile int status;
  private boolean statusChecked;
  private boolean ended;
  private int lines;

  /**
   * Sends {@code request}; lines arrive from then on.
   *
   * @param server how messages name the server: "hailo-ollama at http://127.0.0.1:8000"
   */
  LineStream(HttpClient http, HttpRequest request, String server) {
    this.server = server;
    this.exchange = http.sendAsync(request, info -> {
      status = info.statusCode();
      return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines());
    });
    exchange.whenComplete((response, failure) -> {
      if (failure != null) {
        events.add(new Failure(failure));
      }
    });
  }

  /**
   * The next line of the reply, or null at its end or once aborted.
   *
   * @throws HailoException when nothing comes within {@code timeout}, the exchange fails, or the reply's status is
   *     an error (its body's {@code error} in the message)
   */
  String next(Duration timeout) throws HailoException {
    Object event = take(timeout);
    if (!statusChecked && !(event instanceof Failure) && event != ABORTED) {
      statusChecked = true;
      if (status >= 400) {
        throw event instanceof String line ? httpError(line, timeout) : httpError("", null);
      }
    }
    if (event instanceof String line) {
      lines++;
      return line;
    }
    if (event instanceof Failure failure) {
      if (aborted) {
        return null;
      }
      throw new HailoException(server + " " + describe(failure.cause(), lines > 0), failure.cause());
    }
    ended = event == END;
    return null;
  }

  /** Parses one line (or a whole reply) as JSON and fails when it carries an {@code error} key. */
  JsonNode json(String text) throws HailoException {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      abort();
      throw new HailoException(server + " sent a line that is not JSON: " + snippet(text), e);
    }
    if (node == null || !node.isObject()) {
      abort();
      throw new HailoException(server + " sent a line that is not a JSON object: " + snippet(text));
    }
    JsonNode error = node.get("error");
    if (error != null && !error.isNull()) {
      abort();
      throw new HailoException(server + " reported an error: " + errorText(error));
    }
    return node;
  }

  /** Cancels the exchange: the connection closes and a caller waiting in {@link #next} gets null. Idempotent. */
  void abort() {
    aborted = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    exchange.cancel(true);
    events.add(ABORTED);
  }

  /** Aborts a reply that has not ended, so its connection never stays open behind the caller. */
  @Override
  public void close() {
    if (!ended) {
      abort();
    }
  }

  private Object take(Duration timeout) throws HailoException {
    Object event;
    try {
      event = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort();
      throw new HailoException("the wait for " + server + " was interrupted", e);
    }
    if (event == null) {
      abort();
      throw new HailoException(server + " sent nothing for " + HailoTimeouts.describe(timeout)
          + (lines == 0 ? " after the request" : " in the middle of its reply"));
    }
    return event;
  }

  /**
   * The error reply read whole (it is short): its {@code error} text, else the start of its body.
   *
   * @param timeout how long to wait for each further line; null when the reply has ended
   */
  private HailoException httpError(String first, Duration timeout) {
    StringBuilder body = new StringBuilder(first);
    try {
      for (Object event = timeout == null ? END : take(timeout); event instanceof String line;
          event = take(timeout)) {
        body.append('\n').append(line);
      }
    } catch (HailoException e) {
      // The status says enough; the body was a bonus.
    }
    abort();
    String detail = body.toString().strip();
    try {
      JsonNode error = JSON.readTree(detail).get("error");
      if (error != null && !error.isNull()) {
        detail = errorText(error);
      }
    } catch (JsonProcessingException | RuntimeException e) {
      detail = snippet(detail);
    }
    return new HailoException(server + " answered HTTP " + status + (detail.isEmpty() ? "" : ": " + detail));
  }

  private static String errorText(JsonNode error) {
    return OneLine.of(error.isTextual() ? error.asText() : error.toString());
  }

  private static String snippet(String text) {
    String line = OneLine.of(text);
    return line.length() <= SNIPPET ? line : line.substring(0, SNIPPET) + "...";
  }

  /** What a failed exchange means, as the end of a sentence that starts with the server's name. */
  static String describe(Throwable failure, boolean midReply) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof HttpConnectTimeoutException) {
      return "did not accept the connection in time";
    }
    if (t instanceof ConnectException) {
      return "is not reachable (connection refused)";
    }
    String detail = t.getMessage() == null ? t.getClass().getSimpleName() : OneLine.of(t.getMessage());
    if (t instanceof IOException) {
      // Mid-reply, the JDK's words are about its chunk decoder ("state: READING_LENGTH"); the cause keeps them.
      return midReply ? "broke the connection in the middle of its reply"
          : "closed the connection before replying (" + detail + ")";
    }
    return "failed: " + detail;
  }

  /** Receives the reply's lines on the HTTP client's threads. */
  private final class Lines implements Flow.Subscriber<String> {
    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (aborted) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE); // lines are small and the caller reads them as fast as they come
      }
    }

    @Override
    public void onNext(String line) {
      events.add(line);
    }

    @Override
    public void onError(Throwable t) {
      events.add(new Failure(t));
    }

    @Override
    public void onComplete() {
      events.add(END);
    }
  }
}
