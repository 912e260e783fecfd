package dev.pith.inference.models;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on 127.0.0.1 that serves files the way Hugging Face does (with Range support, optional
 * LFS headers) and fails on request the ways networks fail: a status, a connection cut after N bytes, headers
 * and then silence, a slow trickle, a redirect. It records every request it saw.
 */
final class FileServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  /** What one request meets; each field is off at its default. */
  record Fault(int status, long cutAfter, boolean silent, int slowChunk, long slowDelayMillis, String location) {
    static Fault status(int code) {
      return new Fault(code, -1, false, 0, 0, null);
    }

    static Fault cutAfter(long bytes) {
      return new Fault(0, bytes, false, 0, 0, null);
    }

    static Fault stall() {
      return new Fault(0, -1, true, 0, 0, null);
    }

    static Fault slow(int chunk, long delayMillis) {
      return new Fault(0, -1, false, chunk, delayMillis, null);
    }

    static Fault redirect(URI location) {
      return new Fault(302, -1, false, 0, 0, location.toString());
    }
  }

  /** A request as the server saw it. */
  record Request(String path, String range, String authorization) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> headers = new ConcurrentHashMap<>();
  private final Map<String, Deque<Fault>> nextFaults = new ConcurrentHashMap<>();
  private final Map<String, Fault> always = new ConcurrentHashMap<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private final CountDownLatch stalled = new CountDownLatch(1);
  final List<Request> requests = new CopyOnWriteArrayList<>();
  volatile boolean rangeSupport = true;

  private FileServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  static FileServer start() throws IOException {
    return new FileServer();
  }

  /** {@code http://127.0.0.1:PORT} without a trailing slash. */
  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  URI url(String path) {
    return URI.create(base() + path);
  }

  void put(String path, byte[] content) {
    files.put(path, content);
  }

  void header(String path, String name, String value) {
    headers.computeIfAbsent(path, p -> new ConcurrentHashMap<>()).put(name, value);
  }

  /** The next request for {@code path} meets {@code fault}; later ones are served normally. */
  void failNext(String path, Fault fault) {
    nextFaults.computeIfAbsent(path, p -> new ArrayDeque<>()).add(fault);
  }

  /** Every request for {@code path} meets {@code fault}. */
  void failAlways(String path, Fault fault) {
    always.put(path, fault);
  }

  /** Waits until a stalled request has sent its headers. */
  boolean awaitStall() throws InterruptedException {
    return stalled.await(10, TimeUnit.SECONDS);
  }

  List<Request> requestsFor(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String range = exchange.getRequestHeaders().getFirst("Range");
    requests.add(new Request(path, range, exchange.getRequestHeaders().getFirst("Authorization")));
    try {
      Fault fault = fault(path);
      headers.getOrDefault(path, Map.of()).forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      if (fault != null && fault.location() != null) {
        exchange.getResponseHeaders().add("Location", fault.location());
        exchange.sendResponseHeaders(fault.status(), -1);
        return;
      }
      if (fault != null && fault.status() > 0) {
        byte[] body = ("error " + fault.status()).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(fault.status(), body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      byte[] content = files.get(path);
      if (content == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      int status = 200;
      int from = 0;
      Matcher m = range == null ? null : RANGE.matcher(range);
      if (rangeSupport && m != null && m.matches()) {
        from = (int) Long.parseLong(m.group(1));
        if (from >= content.length) {
          exchange.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
          exchange.sendResponseHeaders(416, -1);
          return;
        }
        status = 206;
        exchange.getResponseHeaders().add("Content-Range",
            "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
      }
      byte[] body = Arrays.copyOfRange(content, from, content.length);
      send(exchange, status, body, fault);
    } catch (IOException e) {
      // The client went away (a cancel, a stall timeout): nothing to answer.
    } finally {
      exchange.close();
    }
  }

  private void send(HttpExchange exchange, int status, byte[] body, Fault fault) throws IOException {
    exchange.sendResponseHeaders(status, body.length);
    OutputStream out = exchange.getResponseBody();
    if (fault == null) {
      out.write(body);
    } else if (fault.silent()) {
      out.flush();
      stalled.countDown();
      await();
    } else if (fault.cutAfter() >= 0) {
      out.write(body, 0, (int) Math.min(fault.cutAfter(), body.length));
      out.flush();
      // Closing a fixed-length body early makes the server drop the connection: the client sees it cut.
    } else if (fault.slowChunk() > 0) {
      for (int i = 0; i < body.length; i += fault.slowChunk()) {
        out.write(body, i, Math.min(fault.slowChunk(), body.length - i));
        out.flush();
        sleep(fault.slowDelayMillis());
      }
    } else {
      out.write(body);
    }
  }

  private Fault fault(String path) {
    Deque<Fault> queue = nextFaults.get(path);
    Fault next = queue == null ? null : queue.poll();
    return next != null ? next : always.get(path);
  }

  private void await() {
    try {
      released.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The slow server's pace: the point of the test is real time passing between chunks. */
  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
