package dev.pith.inference.hailo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.inference.CancellationToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Talks to hailo-ollama, Hailo's local LLM server for the AI HAT+ 2, over the subset of the Ollama REST API it
 * speaks. Hailo ships no Java binding; this is Pith's way to the NPU. Every call runs on the caller's thread and
 * fails with a {@link HailoException} whose one-line message names the server's URL: nothing answering, too slow
 * (see {@link HailoTimeouts}), a broken connection, a line that is not JSON, an error status, or an {@code error}
 * key in a reply with HTTP 200 (some server versions report errors that way). The server serves one connection at
 * a time, so callers send one request at a time, and every client in the process shares one connection pool (per
 * connect timeout): a connection the server keeps alive after one client's request is then reused by the next
 * client's, instead of holding the server while the new client's connection waits behind it. HTTP/1.1 only (the
 * JDK client would otherwise offer an h2c upgrade the server does not know).
 */
public final class HailoClient {
  /** Where hailo-ollama listens unless told otherwise. */
  public static final URI DEFAULT_URL = URI.create("http://127.0.0.1:8000");
  /** How long {@link #version()} waits: it is the "is anything there" probe, and must stay fast. */
  public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Duration, HttpClient> POOLS = new ConcurrentHashMap<>();

  private final URI url;
  private final HailoTimeouts timeouts;
  private final HttpClient http;
  private final String server;

  public HailoClient(URI url, HailoTimeouts timeouts) {
    this.url = URI.create(Objects.requireNonNull(url, "url").toString().replaceAll("/+$", ""));
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    this.http = POOLS.computeIfAbsent(timeouts.connect(), connect -> HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connect)
        .proxy(HttpClient.Builder.NO_PROXY)
        .build());
    this.server = "hailo-ollama at " + this.url;
  }

  /** The server's base URL, without a trailing slash. */
  public URI url() {
    return url;
  }

  public HailoTimeouts timeouts() {
    return timeouts;
  }

  /**
   * The server's version ({@code GET /api/version}), within {@link #PROBE_TIMEOUT}.
   *
   * @throws HailoException when nothing answers in time or the reply has no version
   */
  public String version() throws HailoException {
    JsonNode reply = whole(get("/api/version"), PROBE_TIMEOUT);
    String version = reply.path("version").asText("");
    if (version.isBlank()) {
      throw new HailoException(server + " sent a version reply without a version: " + reply);
    }
    return version.strip();
  }

  /**
   * The names of the models the server has ({@code GET /api/tags}).
   *
   * @throws HailoException when the server fails or the reply has no model list
   */
  public List<String> models() throws HailoException {
    JsonNode reply = whole(get("/api/tags"), timeouts.firstLine());
    JsonNode models = reply.get("models");
    if (models == null || !models.isArray()) {
      throw new HailoException(server + " sent a model list without \"models\": " + reply);
    }
    List<String> names = new ArrayList<>();
    for (JsonNode model : models) {
      String name = model.path("name").asText(model.path("model").asText(""));
      if (!name.isBlank()) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * Asks the server to download {@code model} from Hailo's model zoo ({@code POST /api/pull}), reporting each
   * progress line to {@code listener}.
   *
   * @return true when the server said "success", false when {@code cancel} stopped the pull (the connection is
   *     closed at once; what the server does with a half-done pull is its own business)
   * @throws HailoException when the server fails, reports an error, or ends without "success"
   */
  public boolean pull(String model, HailoPullListener listener, CancellationToken cancel) throws HailoException {
    ObjectNode body = JSON.createObjectNode().put("model", model).put("stream", true);
    try (LineStream stream = post("/api/pull", body);
         CancellationToken.Registration hook = cancel.onCancel(stream::abort)) {
      Duration wait = timeouts.firstLine();
      for (String line = stream.next(wait); line != null; line = stream.next(wait)) {
        wait = timeouts.pullIdle();
        if (line.isBlank()) {
          continue;
        }
        JsonNode progress = stream.json(line);
        String status = progress.path("status").asText("");
        listener.progress(new HailoPullProgress(model, status, progress.path("digest").asText(""),
            progress.path("total").asLong(-1), progress.path("completed").asLong(-1)));
        if (status.equals("success")) {
          return true;
        }
      }
      if (cancel.isCancelled()) {
        return false;
      }
      throw new HailoException(server + " ended the pull of " + model + " without saying \"success\"");
    }
  }

  /** Starts a streamed chat ({@code POST /api/chat}); the caller reads its lines and closes the stream. */
  LineStream chat(JsonNode request) {
    return post("/api/chat", request);
  }

  /** "hailo-ollama at http://127.0.0.1:8000": how messages name the server. */
  String server() {
    return server;
  }

  private LineStream get(String path) {
    return new LineStream(http, request(path).GET().build(), server);
  }

  private LineStream post(String path, JsonNode body) {
    return new LineStream(http, request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), server);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(url + path)).header("Accept", "application/json");
  }

  /** A reply that is one JSON document (which may span lines), read whole. */
  private JsonNode whole(LineStream stream, Duration firstLine) throws HailoException {
    try (stream) {
      StringBuilder text = new StringBuilder();
      Duration wait = firstLine;
      for (String line = stream.next(wait); line != null; line = stream.next(wait)) {
        text.append(line).append('\n');
        wait = timeouts.betweenLines();
      }
      if (text.toString().isBlank()) {
        throw new HailoException(server + " sent an empty reply");
      }
      return stream.json(text.toString());
    }
  }
}
