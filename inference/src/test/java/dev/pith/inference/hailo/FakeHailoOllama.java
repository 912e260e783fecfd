package dev.pith.inference.hailo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for hailo-ollama: a real HTTP/1.1 server on 127.0.0.1 speaking the part of the Ollama API that Pith
 * uses ({@code GET /api/version}, {@code GET /api/tags}, {@code POST /api/pull}, {@code POST /api/chat}) the way
 * Hailo's server does in versions 5.1 to 5.4. There are no recordings of the real server: its replies are written
 * from what issue 8 says Hailo's server source does. Like the real one it serves one connection at a time (a
 * second client waits until the first is done), streams NDJSON with chunked encoding, ends the chat with a line
 * that has {@code done_reason}, {@code total_duration} and {@code eval_count} but no {@code eval_duration},
 * {@code prompt_eval_count} or {@code load_duration}, refuses a {@code keep_alive} that is not an integer, knows the
 * DeepSeek distill under its per-version name, and answers garbage with HTTP 200 once a prompt overflows the
 * 2,048-token context, then HTTP 500. Endpoints Pith does not use answer 404 here.
 *
 * <p>On request it fails the ways servers fail ({@link Fault}), and it records what it received and when a client
 * went away in the middle of a reply. {@link #main} runs it as a process on a given port: the stand-in that tests
 * put on the PATH as {@code hailo-ollama}.
 */
public final class FakeHailoOllama implements AutoCloseable {
  /** Hailo's name for Qwen2.5-1.5B-Instruct, the same in every server version. */
  public static final String QWEN = "qwen2.5-instruct:1.5b";
  /** The DeepSeek distill's name in hailo-ollama 5.1 and 5.2. */
  public static final String DEEPSEEK_5_1 = "deepseek_r1_distill_qwen:1.5b";
  /** The DeepSeek distill's name from hailo-ollama 5.3 on. */
  public static final String DEEPSEEK_5_3 = "deepseek_r1:1.5b";
  public static final List<String> DEFAULT_REPLY = List.of("Hello", ",", " wörld", "!");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CONTEXT = 2048;

  /** What the next chat meets instead of an answer. */
  public enum Fault {
    /** HTTP 200 with {@code {"error":"…"}} as the whole body, as some server versions report errors. */
    ERROR_200,
    /** HTTP 500 with {@code {"error":"…"}}. */
    STATUS_500,
    /** Two pieces, then a line with an {@code error} key in the middle of the stream. */
    ERROR_MID_STREAM,
    /** Two pieces, then a TCP reset. */
    RESET_MID_STREAM,
    /** One piece, then a line that is not JSON. */
    MALFORMED_LINE,
    /** The request is read and never answered; the connection stays open until the client gives up. */
    SILENT
  }

  /**
   * A request as the server read it.
   *
   * @param body the request body as text; empty for a GET
   */
  public record Request(String method, String path, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final ServerSocket server;
  private final Thread loop;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
  private final List<String> models = new CopyOnWriteArrayList<>(List.of(QWEN));
  private final Semaphore chatsStarted = new Semaphore(0);
  private final Semaphore disconnects = new Semaphore(0);
  private volatile String version = "5.1.1";
  private volatile List<String> reply = DEFAULT_REPLY;
  private volatile long pieceDelayMillis;
  private volatile boolean overflowed;
  private volatile boolean keepAlive;
  private volatile Socket current;
  private volatile boolean closed;

  private FakeHailoOllama(int port) throws IOException {
    server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    loop = new Thread(this::serve, "fake-hailo-ollama-" + server.getLocalPort());
    loop.setDaemon(true);
    loop.start();
  }

  /** Starts on a free port. */
  public static FakeHailoOllama start() throws IOException {
    return new FakeHailoOllama(0);
  }

  /**
   * Runs the fake as a process: {@code FakeHailoOllama PORT [VERSION]}, with {@link #QWEN} on it, until killed.
   */
  public static void main(String[] args) throws Exception {
    FakeHailoOllama fake = new FakeHailoOllama(Integer.parseInt(args[0]));
    if (args.length > 1) {
      fake.version(args[1]);
    }
    fake.loop.join();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** The version {@code /api/version} reports; it also decides the DeepSeek distill's name in pulls. */
  public FakeHailoOllama version(String v) {
    version = v;
    return this;
  }

  /** The models {@code /api/tags} lists (and chats accept), replacing the default {@link #QWEN}. */
  public FakeHailoOllama models(String... names) {
    models.clear();
    models.addAll(List.of(names));
    return this;
  }

  public List<String> models() {
    return List.copyOf(models);
  }

  /** The pieces of every chat answer (one piece per token). */
  public FakeHailoOllama reply(String... pieces) {
    reply = List.of(pieces);
    return this;
  }

  /** A pause before each streamed line (pieces and pull progress), as a real NPU paces its tokens. */
  public FakeHailoOllama pieceDelay(Duration delay) {
    pieceDelayMillis = delay.toMillis();
    return this;
  }

  /**
   * Keeps each connection open after a reply (HTTP/1.1's default) and serves the next request on it, while other
   * connections wait: what a one-connection-at-a-time server does with a client that keeps its connection.
   */
  public FakeHailoOllama keepAlive() {
    keepAlive = true;
    return this;
  }

  /** The next chat meets {@code fault}; later ones are answered (unless more faults are queued). */
  public FakeHailoOllama failNextChat(Fault fault) {
    faults.add(fault);
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** The body of the last chat request. */
  public JsonNode lastChat() {
    List<Request> chats = requests("/api/chat");
    return chats.get(chats.size() - 1).json();
  }

  /** True once a prompt overflowed the context (the server then answers garbage, later HTTP 500). */
  public boolean overflowed() {
    return overflowed;
  }

  /** Waits until a chat has started streaming its answer. */
  public boolean awaitChatStarted(Duration timeout) throws InterruptedException {
    return chatsStarted.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Waits until a client went away before its reply was complete. */
  public boolean awaitDisconnect(Duration timeout) throws InterruptedException {
    return disconnects.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void serve() {
    while (!closed) {
      try (Socket socket = server.accept()) {
        current = socket;
        handle(socket);
      } catch (IOException e) {
        // a client that went away, or close(): on to the next connection, or out
      } finally {
        current = null;
      }
    }
  }

  private void handle(Socket socket) throws IOException {
    InputStream in = new BufferedInputStream(socket.getInputStream());
    OutputStream out = socket.getOutputStream();
    for (Request request = read(in); request != null; request = keepAlive ? read(in) : null) {
      requests.add(request);
      route(socket, in, out, request);
    }
  }

  private void route(Socket socket, InputStream in, OutputStream out, Request request) throws IOException {
    String route = request.method() + " " + request.path();
    switch (route) {
      case "GET /api/version" -> send(out, 200, JSON.createObjectNode().put("version", version));
      case "GET /api/tags" -> send(out, 200, tags());
      case "POST /api/pull" -> pull(socket, in, out, request.json());
      case "POST /api/chat" -> chat(socket, in, out, request.json());
      default -> send(out, 404, error("404 page not found"));
    }
  }

  private ObjectNode tags() {
    ObjectNode tags = JSON.createObjectNode();
    for (String name : models) {
      tags.withArray("models").addObject().put("name", name).put("model", name)
          .put("modified_at", "2026-01-01T00:00:00Z").put("size", 0).put("digest", "sha256:" + digest(name));
    }
    return tags;
  }

  private void pull(Socket socket, InputStream in, OutputStream out, JsonNode body) throws IOException {
    String name = body.path("model").asText("");
    startStream(out);
    if (!zoo().contains(name)) {
      line(out, error("pull model manifest: file does not exist"));
      endStream(out);
      return;
    }
    String digest = "sha256:" + digest(name);
    List<ObjectNode> lines = new ArrayList<>();
    lines.add(JSON.createObjectNode().put("status", "pulling manifest"));
    for (int done = 0; done <= 3; done++) {
      lines.add(JSON.createObjectNode().put("status", "downloading").put("digest", digest).put("total", 3000)
          .put("completed", done * 1000));
    }
    lines.add(JSON.createObjectNode().put("status", "verifying sha256 digest"));
    lines.add(JSON.createObjectNode().put("status", "writing manifest"));
    lines.add(JSON.createObjectNode().put("status", "success"));
    try {
      for (ObjectNode progress : lines) {
        pause(socket, in);
        line(out, progress);
      }
      models.add(name);
      endStream(out);
    } catch (IOException e) {
      disconnects.release();
    }
  }

  /** The models Hailo's zoo has for this server version. */
  private List<String> zoo() {
    String[] parts = version.split("\\.");
    boolean renamed = Integer.parseInt(parts[0]) > 5 || (Integer.parseInt(parts[0]) == 5
        && parts.length > 1 && Integer.parseInt(parts[1]) >= 3);
    return List.of(QWEN, renamed ? DEEPSEEK_5_3 : DEEPSEEK_5_1);
  }

  private void chat(Socket socket, InputStream in, OutputStream out, JsonNode body) throws IOException {
    JsonNode keepAlive = body.get("keep_alive");
    if (keepAlive != null && !keepAlive.isIntegralNumber()) {
      send(out, 400, error("keep_alive must be an integer number of seconds, got " + keepAlive));
      return;
    }
    String model = body.path("model").asText("");
    if (!models.contains(model)) {
      send(out, 404, error("model '" + model + "' not found"));
      return;
    }
    if (overflowed) {
      send(out, 500, error("inference failed"));
      return;
    }
    int numPredict = body.path("options").path("num_predict").asInt(Integer.MAX_VALUE);
    List<String> pieces = reply;
    if (promptTokens(body) + Math.min(numPredict, pieces.size()) > CONTEXT) {
      overflowed = true;
      pieces = List.of("\u0120\u0120", "<|endoftext|>", "\u010a\u0120");
    }
    Fault fault = faults.poll();
    if (fault == Fault.ERROR_200) {
      send(out, 200, error("failed to run inference on the model"));
      return;
    }
    if (fault == Fault.STATUS_500) {
      send(out, 500, error("failed to run inference on the model"));
      return;
    }
    if (fault == Fault.SILENT) {
      chatsStarted.release();
      awaitClientGone(socket, in);
      return;
    }
    stream(socket, in, out, model, pieces, numPredict, fault);
  }

  private void stream(Socket socket, InputStream in, OutputStream out, String model, List<String> pieces,
      int numPredict, Fault fault) throws IOException {
    long start = System.nanoTime();
    int count = Math.min(numPredict, pieces.size());
    try {
      startStream(out);
      chatsStarted.release();
      for (int i = 0; i < count; i++) {
        if (fault == Fault.RESET_MID_STREAM && i == 2) {
          socket.setSoLinger(true, 0); // close() now sends RST
          return;
        }
        if (fault == Fault.MALFORMED_LINE && i == 1) {
          chunk(out, "{\"model\":\"" + model + "\",\"message\":{\"content\":\n");
          endStream(out);
          return;
        }
        if (fault == Fault.ERROR_MID_STREAM && i == 2) {
          line(out, error("NPU device error"));
          endStream(out);
          return;
        }
        pause(socket, in);
        line(out, piece(model, pieces.get(i)));
      }
      pause(socket, in);
      ObjectNode last = piece(model, "").put("done", true)
          .put("done_reason", count < pieces.size() ? "length" : "stop")
          .put("total_duration", System.nanoTime() - start).put("eval_count", count);
      line(out, last);
      endStream(out);
    } catch (IOException e) {
      disconnects.release();
    }
  }

  private static ObjectNode piece(String model, String content) {
    ObjectNode line = JSON.createObjectNode().put("model", model).put("created_at", Instant.now().toString());
    line.putObject("message").put("role", "assistant").put("content", content);
    return line.put("done", false);
  }

  /** Prompt tokens as the real tokenizer would roughly count English: four characters a token, plus framing. */
  private static int promptTokens(JsonNode body) {
    int tokens = 3;
    for (JsonNode message : body.path("messages")) {
      tokens += 4 + message.path("content").asText("").length() / 4;
    }
    return tokens;
  }

  /** Waits out the piece delay; a client that goes away meanwhile ends the wait with an IOException. */
  private void pause(Socket socket, InputStream in) throws IOException {
    long millis = pieceDelayMillis;
    if (millis <= 0) {
      return;
    }
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    try {
      for (long left = millis; left > 0; left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())) {
        socket.setSoTimeout((int) left);
        if (in.read() < 0) {
          throw new IOException("the client closed the connection");
        }
      }
    } catch (SocketTimeoutException e) {
      // the delay is over and the client is still there
    } finally {
      socket.setSoTimeout(0);
    }
  }

  private void awaitClientGone(Socket socket, InputStream in) {
    try {
      socket.setSoTimeout(0);
      while (in.read() >= 0) {
        // the client sends nothing more; read until it closes
      }
    } catch (IOException e) {
      // reset by the client, or closed by close()
    }
    disconnects.release();
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  private static String digest(String name) {
    return String.format(Locale.ROOT, "%064x", Math.abs((long) name.hashCode()));
  }

  /** Reads a request line, headers and a Content-Length body; null when the client sent nothing. */
  private static Request read(InputStream in) throws IOException {
    String requestLine = headerLine(in);
    if (requestLine == null || requestLine.isEmpty()) {
      return null;
    }
    int length = 0;
    for (String header = headerLine(in); header != null && !header.isEmpty(); header = headerLine(in)) {
      int colon = header.indexOf(':');
      if (colon > 0 && header.substring(0, colon).strip().equalsIgnoreCase("Content-Length")) {
        length = Integer.parseInt(header.substring(colon + 1).strip());
      }
    }
    byte[] body = in.readNBytes(length);
    String[] parts = requestLine.split(" ");
    String path = URI.create(parts[1]).getPath();
    return new Request(parts[0], path, new String(body, StandardCharsets.UTF_8));
  }

  private static String headerLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        return line.toString(StandardCharsets.ISO_8859_1).replaceAll("\r$", "");
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  private void send(OutputStream out, int status, JsonNode body) throws IOException {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    out.write(head(status, Map.of("Content-Type", "application/json; charset=utf-8",
        "Content-Length", String.valueOf(bytes.length))));
    out.write(bytes);
    out.flush();
  }

  private void startStream(OutputStream out) throws IOException {
    out.write(head(200, Map.of("Content-Type", "application/x-ndjson", "Transfer-Encoding", "chunked")));
    out.flush();
  }

  private static void line(OutputStream out, JsonNode line) throws IOException {
    chunk(out, line + "\n");
  }

  private static void chunk(OutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void endStream(OutputStream out) throws IOException {
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private byte[] head(int status, Map<String, String> headers) {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
        .append(keepAlive ? "\r\n" : "\r\nConnection: close\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      default -> "Internal Server Error";
    };
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    Socket socket = current;
    if (socket != null) {
      socket.close();
    }
    try {
      loop.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
