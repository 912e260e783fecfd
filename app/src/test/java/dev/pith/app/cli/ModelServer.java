package dev.pith.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tiny test model served over real HTTP on 127.0.0.1, with a catalog file that lists it (sizes and SHA-256s
 * computed from the files), for the command line's and the Models page's end-to-end tests. It answers
 * {@code Range: bytes=N-} with 206, and can hold a file's answer midway until the test releases it.
 */
public final class ModelServer implements AutoCloseable {
  public static final Path TINY = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
      .resolve("../inference/src/test/resources/models/tiny-genai").normalize();
  static final List<String> FILES = List.of("genai_config.json", "model.onnx", "model.onnx.data", "tokenizer.json",
      "tokenizer_config.json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  /** Every request as "path authorization-header-or-null". */
  final List<String> requests = new CopyOnWriteArrayList<>();
  /** Every request as "path range-header-or-null". */
  public final List<String> ranges = new CopyOnWriteArrayList<>();
  private volatile Hold hold;

  /** A file whose first answer stops after {@code bytes} until {@link #release()}. */
  private record Hold(String path, int bytes, CountDownLatch reached, CountDownLatch released) {}

  public ModelServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Serves the tiny model's files under {@code prefix}, but {@code missing} (a name, or null). */
  public void serveTiny(String prefix, String missing) throws IOException {
    for (String name : FILES) {
      if (!name.equals(missing)) {
        files.put(prefix + name, Files.readAllBytes(TINY.resolve(name)));
      }
    }
  }

  /** The next answer for {@code path} sends its first {@code bytes} and waits for {@link #release()}. */
  public void holdAfter(String path, int bytes) {
    hold = new Hold(path, bytes, new CountDownLatch(1), new CountDownLatch(1));
  }

  /** Waits until the held answer has sent its first bytes. */
  public boolean awaitHeld() throws InterruptedException {
    return hold.reached().await(30, TimeUnit.SECONDS);
  }

  /** Lets the held answer end (its client may have gone). */
  public void release() {
    Hold h = hold;
    if (h != null) {
      h.released().countDown();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String range = exchange.getRequestHeaders().getFirst("Range");
    requests.add(path + " " + exchange.getRequestHeaders().getFirst("Authorization"));
    ranges.add(path + " " + range);
    try {
      byte[] body = files.get(path);
      Matcher m = range == null ? null : RANGE.matcher(range);
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
      } else if (m != null && m.matches() && Integer.parseInt(m.group(1)) < body.length) {
        int from = Integer.parseInt(m.group(1));
        exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/"
            + body.length);
        exchange.sendResponseHeaders(206, body.length - from);
        exchange.getResponseBody().write(body, from, body.length - from);
      } else {
        exchange.sendResponseHeaders(200, body.length);
        Hold h = hold;
        if (h != null && h.path().equals(path) && h.reached().getCount() > 0) {
          exchange.getResponseBody().write(body, 0, h.bytes());
          exchange.getResponseBody().flush();
          h.reached().countDown();
          h.released().await(60, TimeUnit.SECONDS);
          return; // the rest never comes: the client cancelled meanwhile
        }
        exchange.getResponseBody().write(body);
      }
    } catch (IOException | InterruptedException e) {
      // The client went away (a cancel): nothing to answer.
    } finally {
      exchange.close();
    }
  }

  /**
   * Writes a catalog with the tiny model as {@code id} to {@code file}; {@code source} is its source object
   * (a base_url, or a repo and revision).
   */
  public static Path writeCatalog(Path file, String id, Map<String, String> source) throws Exception {
    ObjectNode root = JSON.createObjectNode().put("schema", 1);
    ObjectNode entry = root.putArray("models").addObject().put("id", id).put("name", "Tiny").put("backend", "cpu")
        .put("license", "MIT").put("context_length", 512);
    source.forEach(entry.putObject("source")::put);
    ArrayNode list = entry.putArray("files");
    for (String name : FILES) {
      byte[] bytes = Files.readAllBytes(TINY.resolve(name));
      list.addObject().put("path", name).put("size", bytes.length)
          .put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }
    Files.write(file, JSON.writeValueAsBytes(root));
    return file;
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
