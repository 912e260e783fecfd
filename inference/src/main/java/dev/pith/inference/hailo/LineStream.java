package dev.pith.inference.hailo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pith.inference.OneLine;
import dev.pith.inference.net.LineExchange;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * One reply of hailo-ollama, read line by line on the caller's thread through a {@link LineExchange} (a silent
 * server is noticed by the wait's timeout; {@link #abort} closes the connection at once). A reply with an error
 * status is read whole and thrown as a {@link HailoException}.
 */
final class LineStream implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SNIPPET = 80;

  private final String server;
  private final LineExchange exchange;
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
    this.exchange = new LineExchange(http, request);
  }

  /**
   * The next line of the reply, or null at its end or once aborted.
   *
   * @throws HailoException when nothing comes within {@code timeout}, the exchange fails, or the reply's status is
   *     an error (its body's {@code error} in the message)
   */
  String next(Duration timeout) throws HailoException {
    LineExchange.Event event = take(timeout);
    if (!statusChecked && (event instanceof LineExchange.Line || event instanceof LineExchange.End)) {
      statusChecked = true;
      if (exchange.status() >= 400) {
        throw event instanceof LineExchange.Line line ? httpError(line.text(), timeout) : httpError("", null);
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
      throw new HailoException(server + " " + describe(failure.cause(), lines > 0), failure.cause());
    }
    ended = event instanceof LineExchange.End;
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
    exchange.abort();
  }

  /** Aborts a reply that has not ended, so its connection never stays open behind the caller. */
  @Override
  public void close() {
    if (!ended) {
      abort();
    }
  }

  private LineExchange.Event take(Duration timeout) throws HailoException {
    LineExchange.Event event;
    try {
      event = exchange.poll(timeout);
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
      for (LineExchange.Event event = timeout == null ? null : take(timeout); event instanceof LineExchange.Line line;
          event = take(timeout)) {
        body.append('\n').append(line.text());
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
    return new HailoException(server + " answered HTTP " + exchange.status()
        + (detail.isEmpty() ? "" : ": " + detail));
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
    Throwable t = LineExchange.rootCause(failure);
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
}
