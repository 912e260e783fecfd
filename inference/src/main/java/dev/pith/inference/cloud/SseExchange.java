package dev.pith.inference.cloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pith.inference.OneLine;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One streamed reply, read line by line on the caller's thread: the HTTP client's threads queue each line, the
 * caller waits on the queue with a timeout (so a silent server is noticed without a watchdog), and {@link #abort}
 * cancels the exchange, which closes the connection and wakes the caller. An error status is read whole (it is
 * short) and thrown as a {@link CloudException}.
 */
final class SseExchange implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Object END = new Object();
  private static final Object ABORTED = new Object();
  private static final int SNIPPET = 120;

  private record Failure(Throwable cause) {}

  private final String host;
  private final CloudTimeouts timeouts;
  private final String apiKey;
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final CompletableFuture<HttpResponse<Void>> exchange;
  private volatile Flow.Subscription subscription;
  private volatile boolean aborted;
  private volatile int status;
  private volatile HttpHeaders headers;
  private boolean statusChecked;
  private boolean ended;
  private int lines;

  SseExchange(HttpClient http, HttpRequest request, String host, CloudTimeouts timeouts, String apiKey) {
    this.host = host;
    this.timeouts = timeouts;
    this.apiKey = apiKey;
    this.exchange = http.sendAsync(request, info -> {
      status = info.statusCode();
      headers = info.headers();
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
   * @param received how many characters of the answer arrived so far (for the message of a failure)
   */
  String next(int received) throws CloudException {
    Object event = take(lines == 0 ? timeouts.firstByte() : timeouts.idle(), received);
    if (!statusChecked && !(event instanceof Failure) && event != ABORTED) {
      statusChecked = true;
      if (status < 200 || status > 299) {
        throw httpError(event);
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
      throw failed(failure.cause(), received);
    }
    ended = event == END;
    return null;
  }

  /** {@code text} as a JSON object; an {@code error} object in it (a failure reported mid-stream) is thrown. */
  JsonNode json(String text, int received) throws CloudException {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      abort();
      throw badReply("a stream line that is not JSON: " + snippet(text) + arrived(received));
    }
    if (node == null || !node.isObject()) {
      abort();
      throw badReply("a stream line that is not a JSON object: " + snippet(text) + arrived(received));
    }
    JsonNode error = node.get("error");
    if (error != null && !error.isNull()) {
      abort();
      throw new CloudException(CloudException.Kind.SERVER_ERROR, host + " reported an error in the middle of the "
          + "answer: " + errorText(error) + arrived(received), -1, received, null);
    }
    return node;
  }

  CloudException badReply(String what) {
    abort();
    return new CloudException(CloudException.Kind.BAD_REPLY, host + " sent " + what, -1, 0, null);
  }

  /** The stream ended without {@code [DONE]} or a finish reason: the connection closed early. */
  CloudException brokenOff(int received) {
    return new CloudException(CloudException.Kind.BROKEN, "the connection to " + host + " ended before the answer"
        + " was complete" + arrived(received), -1, received, null);
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

  @Override
  public void close() {
    if (!ended) {
      abort();
    }
  }

  private Object take(Duration timeout, int received) throws CloudException {
    Object event;
    try {
      event = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort();
      throw new CloudException(CloudException.Kind.BROKEN, "the wait for " + host + " was interrupted", -1,
          received, e);
    }
    if (event == null) {
      abort();
      throw new CloudException(CloudException.Kind.TIMEOUT, host + " sent nothing for "
          + CloudTimeouts.describe(timeout) + (lines == 0 ? " after the request" : " in the middle of the answer"
          + arrived(received)), -1, received, null);
    }
    return event;
  }

  private CloudException httpError(Object first) {
    StringBuilder body = new StringBuilder(first instanceof String s ? s : "");
    if (first instanceof String) {
      try {
        for (Object e = take(timeouts.idle(), 0); e instanceof String line && body.length() < 8192;
            e = take(timeouts.idle(), 0)) {
          body.append('\n').append(line);
        }
      } catch (CloudException e) {
        // The status says enough; the body was a bonus.
      }
    }
    abort();
    String detail = detail(body.toString());
    if (status == 401 || status == 403) {
      // The body is not quoted: servers echo part of a wrong key ("Incorrect API key provided: sk-ab***").
      return new CloudException(CloudException.Kind.KEY_REFUSED, host + " refused the API key (HTTP " + status
          + ")", -1, 0, null);
    }
    if (status == 429) {
      long wait = retryAfter();
      return new CloudException(CloudException.Kind.RATE_LIMITED, host + " is limiting requests (HTTP 429"
          + (detail.isEmpty() ? "" : ": " + detail) + ")" + (wait >= 0 ? "; try again in " + wait + " s"
          : "; try again later"), wait, 0, null);
    }
    if (status >= 500) {
      return new CloudException(CloudException.Kind.SERVER_ERROR, host + " had a server error (HTTP " + status
          + (detail.isEmpty() ? "" : ": " + detail) + "); try again later", -1, 0, null);
    }
    return new CloudException(CloudException.Kind.REJECTED, host + " did not accept the request (HTTP " + status
        + (detail.isEmpty() ? "" : ": " + detail) + ")", -1, 0, null);
  }

  /** Retry-After in seconds (a number of seconds, or an HTTP date), or -1. */
  private long retryAfter() {
    String value = headers == null ? null : headers.firstValue("Retry-After").orElse(null);
    if (value == null || value.isBlank()) {
      return -1;
    }
    try {
      return Math.max(0, Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Math.max(0, Duration.between(Instant.now(), at).toSeconds());
      } catch (DateTimeParseException e2) {
        return -1;
      }
    }
  }

  /** An OpenAI-style error's {@code error.message}, else the start of the body; never the API key. */
  private String detail(String body) {
    String detail = body.strip();
    try {
      JsonNode error = JSON.readTree(detail).get("error");
      if (error != null && !error.isNull()) {
        detail = errorText(error);
      }
    } catch (JsonProcessingException | RuntimeException e) {
      // not JSON: the body's start
    }
    return snippet(detail);
  }

  private String errorText(JsonNode error) {
    JsonNode message = error.path("message");
    return snippet(message.isTextual() ? message.asText() : error.isTextual() ? error.asText() : error.toString());
  }

  private String snippet(String text) {
    String line = text.isBlank() ? "" : OneLine.of(text);
    if (!apiKey.isEmpty()) {
      line = line.replace(apiKey, "***");
    }
    return line.length() <= SNIPPET ? line : line.substring(0, SNIPPET) + "...";
  }

  private CloudException failed(Throwable failure, int received) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof HttpConnectTimeoutException) {
      return new CloudException(CloudException.Kind.UNREACHABLE, host + " did not accept the connection within "
          + CloudTimeouts.describe(timeouts.connect()) + " (no network?)", -1, 0, t);
    }
    if (unresolved(t)) {
      return new CloudException(CloudException.Kind.UNREACHABLE, "cannot find the host " + host
          + " (no network, or a wrong base URL)", -1, 0, t);
    }
    if (t instanceof ConnectException) {
      return new CloudException(CloudException.Kind.UNREACHABLE, host + " is not reachable (connection refused"
          + " or no network)", -1, 0, t);
    }
    if (t instanceof IOException) {
      return new CloudException(CloudException.Kind.BROKEN, lines == 0 && status == 0
          ? "the connection to " + host + " closed before a reply" + cause(t)
          : "the connection to " + host + " broke in the middle of the answer" + arrived(received), -1, received, t);
    }
    return new CloudException(CloudException.Kind.BROKEN, "the request to " + host + " failed: "
        + OneLine.of(String.valueOf(t.getMessage())), -1, received, t);
  }

  private static boolean unresolved(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  private static String cause(Throwable t) {
    return t.getMessage() == null ? "" : " (" + OneLine.of(t.getMessage()) + ")";
  }

  private static String arrived(int received) {
    return received <= 0 ? " (nothing of the answer had arrived)"
        : " (" + received + " characters of the answer had arrived)";
  }

  /** Receives the reply's lines on the HTTP client's threads. */
  private final class Lines implements Flow.Subscriber<String> {
    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (aborted) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE);
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
