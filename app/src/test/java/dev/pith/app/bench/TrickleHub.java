package dev.pith.app.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for the model hub on 127.0.0.1, for the Models page's screenshot: small files come at once
 * ({@code {}}), a model's weights ({@code .onnx}, {@code .onnx.data}) trickle at about 3 MB/s out of 1.2 GB, so
 * the page shows a real download in progress.
 */
final class TrickleHub implements AutoCloseable {
  private static final long WEIGHTS = 1_200_000_000L;
  private final HttpServer server;

  TrickleHub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(task -> {
      Thread t = new Thread(task, "trickle-hub");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!path.endsWith(".onnx") && !path.endsWith(".onnx.data")) {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      exchange.sendResponseHeaders(200, WEIGHTS);
      OutputStream out = exchange.getResponseBody();
      byte[] chunk = new byte[64 * 1024];
      for (long sent = 0; sent < WEIGHTS; sent += chunk.length) {
        out.write(chunk);
        out.flush();
        Thread.sleep(20);
      }
    } catch (IOException | InterruptedException e) {
      // the download was cancelled, or the screenshot is taken
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
