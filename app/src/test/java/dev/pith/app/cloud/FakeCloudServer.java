package dev.pith.app.cloud;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenAI-compatible server on 127.0.0.1 made of a raw socket, so that it records every byte it receives (the
 * request line, the headers and the body) and can misbehave the ways a real network does: an error status, silence,
 * a connection reset in the middle of an answer.
 */
public final class FakeCloudServer implements AutoCloseable {
  /** What the server does with a request, given its body. */
  @FunctionalInterface
  public interface Behaviour {
    void reply(String body, OutputStream out, Socket socket) throws IOException;
  }

  /** One request as received. */
  public record Request(byte[] raw, String head, byte[] body) {
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final ServerSocket server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Behaviour behaviour = answer("Hello");
  private final Thread acceptor;

  public FakeCloudServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "fake-cloud");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
  }

  public void behave(Behaviour b) {
    behaviour = b;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Every byte received, all requests together. */
  public byte[] allBytes() {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (Request r : requests) {
      all.writeBytes(r.raw());
    }
    return all.toByteArray();
  }

  /** A streamed answer made of {@code pieces}, then {@code [DONE]}. */
  public static Behaviour answer(String... pieces) {
    return (body, out, socket) -> {
      out.write(head(200, "OK", "Content-Type: text/event-stream\r\n"));
      for (String p : pieces) {
        out.write(event(p));
        out.flush();
      }
      out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
    };
  }

  /** An error status with a JSON body. */
  public static Behaviour status(int code, String extraHeaders, String body) {
    return (b, out, socket) -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      out.write(head(code, "Error", "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n"
          + extraHeaders));
      out.write(bytes);
      out.flush();
    };
  }

  /** Some pieces, then a TCP reset (RST) without the end of the stream. */
  public static Behaviour resetAfter(String... pieces) {
    return (body, out, socket) -> {
      out.write(head(200, "OK", "Content-Type: text/event-stream\r\n"));
      for (String p : pieces) {
        out.write(event(p));
      }
      out.flush();
      sleep(200);
      socket.setSoLinger(true, 0);
      socket.close();
    };
  }

  /** Some pieces (none: not even the status), then silence for {@code millis}. */
  public static Behaviour silentAfter(long millis, String... pieces) {
    return (body, out, socket) -> {
      if (pieces.length > 0) {
        out.write(head(200, "OK", "Content-Type: text/event-stream\r\n"));
        for (String p : pieces) {
          out.write(event(p));
        }
        out.flush();
      }
      sleep(millis);
    };
  }

  /** One {@code data:} line with {@code text} as the delta's content. */
  public static byte[] event(String text) {
    String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    return ("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + escaped + "\"}}]}\n\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] head(int code, String reason, String headers) {
    return ("HTTP/1.1 " + code + " " + reason + "\r\n" + headers + "Connection: close\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> serve(s), "fake-cloud-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      int headEnd = -1;
      while (headEnd < 0) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        raw.write(b);
        byte[] sofar = raw.toByteArray();
        int n = sofar.length;
        if (n >= 4 && sofar[n - 4] == '\r' && sofar[n - 3] == '\n' && sofar[n - 2] == '\r' && sofar[n - 1] == '\n') {
          headEnd = n;
        }
      }
      String head = raw.toString(StandardCharsets.ISO_8859_1);
      int length = 0;
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).strip());
        }
      }
      byte[] body = in.readNBytes(length);
      raw.writeBytes(body);
      requests.add(new Request(raw.toByteArray(), head, body));
      behaviour.reply(new String(body, StandardCharsets.UTF_8), s.getOutputStream(), s);
    } catch (IOException e) {
      // the client went away
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
