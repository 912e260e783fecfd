package dev.pith.inference.net;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
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
 * One HTTP reply read line by line on the caller's thread, for the streamed replies of hailo-ollama and of cloud
 * servers. The HTTP client's threads put each line in a queue and the caller waits on the queue with a timeout, so a
 * silent server is noticed without a watchdog thread; {@link #abort} (a cancel, a timeout, an early stop) cancels the
 * exchange, which closes the connection at once and wakes a waiting caller. What the lines and failures mean is the
 * caller's business.
 */
public final class LineExchange {
  /** What {@link #poll} gives. */
  public sealed interface Event permits Line, End, Failed, Aborted {}

  /** A line of the reply, without its line break. */
  public record Line(String text) implements Event {}

  /** The reply ended. */
  public record End() implements Event {}

  /** The exchange failed, as the HTTP client reported it (the cause may be wrapped in a CompletionException). */
  public record Failed(Throwable cause) implements Event {}

  /** {@link #abort} was called. */
  public record Aborted() implements Event {}

  private static final End END = new End();
  private static final Aborted ABORTED = new Aborted();

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final CompletableFuture<HttpResponse<Void>> exchange;
  private volatile Flow.Subscription subscription;
  private volatile boolean aborted;
  private volatile int status;
  private volatile HttpHeaders headers;

  /** Sends {@code request}; lines arrive from then on. */
  public LineExchange(HttpClient http, HttpRequest request) {
    this.exchange = http.sendAsync(request, info -> {
      status = info.statusCode();
      headers = info.headers();
      return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines());
    });
    exchange.whenComplete((response, failure) -> {
      if (failure != null) {
        events.add(new Failed(failure));
      }
    });
  }

  /** The reply's status; 0 until its headers arrived (they have by the first {@link Line} or {@link End}). */
  public int status() {
    return status;
  }

  /** The reply's headers; null until they arrived. */
  public HttpHeaders headers() {
    return headers;
  }

  /** Whether {@link #abort} was called. */
  public boolean aborted() {
    return aborted;
  }

  /**
   * The next event, waiting at most {@code timeout}; null when none came in time.
   *
   * @throws InterruptedException when the wait is interrupted (the exchange goes on: abort it if it must not)
   */
  public Event poll(Duration timeout) throws InterruptedException {
    return events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Cancels the exchange: the connection closes and a caller waiting in {@link #poll} gets {@link Aborted}. */
  public void abort() {
    aborted = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    exchange.cancel(true);
    events.add(ABORTED);
  }

  /** What a {@link Failed} event's cause is under the async wrappers the HTTP client puts around it. */
  public static Throwable rootCause(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
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
      events.add(new Line(line));
    }

    @Override
    public void onError(Throwable t) {
      events.add(new Failed(t));
    }

    @Override
    public void onComplete() {
      events.add(END);
    }
  }
}
