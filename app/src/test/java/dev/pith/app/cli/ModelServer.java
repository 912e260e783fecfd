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

/**
 * The tiny test model served over real HTTP on 127.0.0.1, with a catalog file that lists it (sizes and SHA-256s
 * computed from the files), for the command line's end-to-end tests.
 */
final class ModelServer implements AutoCloseable {
  static final Path TINY = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
      .resolve("../inference/src/test/resources/models/tiny-genai").normalize();
  static final List<String> FILES = List.of("genai_config.json", "model.onnx", "model.onnx.data", "tokenizer.json",
      "tokenizer_config.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  /** Every request as "path authorization-header-or-null". */
  final List<String> requests = new CopyOnWriteArrayList<>();

  ModelServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Serves the tiny model's files under {@code prefix}, but {@code missing} (a name, or null). */
  void serveTiny(String prefix, String missing) throws IOException {
    for (String name : FILES) {
      if (!name.equals(missing)) {
        files.put(prefix + name, Files.readAllBytes(TINY.resolve(name)));
      }
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.add(path + " " + exchange.getRequestHeaders().getFirst("Authorization"));
    byte[] body = files.get(path);
    if (body == null) {
      exchange.sendResponseHeaders(404, -1);
    } else {
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  /**
   * Writes a catalog with the tiny model as {@code id} to {@code file}; {@code source} is its source object
   * (a base_url, or a repo and revision).
   */
  static Path writeCatalog(Path file, String id, Map<String, String> source) throws Exception {
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
    server.stop(0);
  }
}
