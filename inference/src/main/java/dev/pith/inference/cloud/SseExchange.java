package dev.pith.inference.cloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pith.inference.OneLine;
import dev.pith.inference.net.LineExchange;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * One streamed reply, read line by line on the caller's thread through a {@link LineExchange} (a silent server is
 * noticed by the wait's timeout; {@link #abort} closes the connection at once). An error status is read whole (it
 * is short) and thrown as a {@link CloudException}.
 */
final class SseExchange implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SNIPPET = 120;

  private final String host;
  private final CloudTimeouts timeouts;
  private final String apiKey;
  private final LineExchange exchange;
  private boolean statusChecked;
  private boolean ended;
  private int lines;

  SseExchange(HttpClient http, HttpRequest request, String host, CloudTimeouts timeouts, String apiKey) {
    this.host = host;
    this.timeouts = timeouts;
    this.apiKey = apiKey;
    this.exchange = new LineExchange(http, request);
  }

  /**
   * The next line of the reply, or null at its end or once aborted.
   *
   * @param received how many characters of the answer arrived so far (for the message of a failure)
   */
  String next(int received) throws CloudException {
    LineExchange.Event event = take(lines == 0 ? timeouts.firstByte() : timeouts.idle(), received);
    if (!statusChecked && (event instanceof LineExchange.Line || event instanceof LineExchange.End)) {
      statusChecked = true;
      int status = exchange.status();
      if (status < 200 || status > 299) {
        throw httpError(event);
      }
    }
    if (event instanceof LineExchange.Line line) {
      lines++;
      return line.text();
    }
    if (event instanceof LineExchange.Failed failure) {
      if (exchange.aborted()) {
        return null;
      }
      throw failed(failure.cause(), received);
    }
    ended = event instanceof LineExchange.End;
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
    exchange.abort();
  }

  @Override
  public void close() {
    if (!ended) {
      abort();
    }
  }

  private LineExchange.Event take(Duration timeout, int received) throws CloudException {
    LineExchange.Event event;
    try {
      event = exchange.poll(timeout);
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

  private CloudException httpError(LineExchange.Event first) {
    StringBuilder body = new StringBuilder(first instanceof LineExchange.Line l ? l.text() : "");
    if (first instanceof LineExchange.Line) {
      try {
        for (LineExchange.Event e = take(timeouts.idle(), 0); e instanceof LineExchange.Line line
            && body.length() < 8192; e = take(timeouts.idle(), 0)) {
          body.append('\n').append(line.text());
        }
      } catch (CloudException e) {
        // The status says enough; the body was a bonus.
      }
    }
    abort();
    String detail = detail(body.toString());
    int status = exchange.status();
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
    HttpHeaders headers = exchange.headers();
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
    Throwable t = LineExchange.rootCause(failure);
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
      return new CloudException(CloudException.Kind.BROKEN, lines == 0 && exchange.status() == 0
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
}
