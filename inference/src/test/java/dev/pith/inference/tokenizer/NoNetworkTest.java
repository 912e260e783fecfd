package dev.pith.inference.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.inference.TestModels;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Loading a tokenizer must not touch the network. DJL, which loads the native tokenizer, probes the
 * cloud metadata service and reports usage unless told not to; this runs a fresh JVM (so nothing was
 * initialized before) with a proxy selector that records every URL any HTTP client would open.
 */
class NoNetworkTest {

  /**
   * Child JVM entry point: records every URL opened through {@link URL} (and refuses it) or routed
   * through the default proxy selector, loads and uses a tokenizer, prints what was recorded.
   */
  public static void main(String[] args) throws Exception {
    List<String> opened = java.util.Collections.synchronizedList(new ArrayList<>());
    URL.setURLStreamHandlerFactory(protocol -> protocol.equals("http") || protocol.equals("https")
        ? new URLStreamHandler() {
          @Override
          protected URLConnection openConnection(URL u) throws IOException {
            return openConnection(u, null);
          }

          @Override
          protected URLConnection openConnection(URL u, Proxy p) throws IOException {
            opened.add(u.toString());
            throw new IOException("refused by the test: " + u);
          }
        }
        : null);
    ProxySelector.setDefault(new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        opened.add(uri.toString());
        return List.of(Proxy.NO_PROXY);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
    });
    try (Tokenizer tokenizer = Tokenizer.load(Path.of(args[0]))) {
      System.out.println("tokens=" + tokenizer.encode("hello").length);
    }
    Thread.sleep(500); // DJL reports usage from a background thread
    System.out.println("opened=" + opened);
  }

  @Test
  void loadingATokenizerOpensNoConnection(@org.junit.jupiter.api.io.TempDir Path home) throws Exception {
    // A fresh home: DJL reports usage at most once a day and remembers when under the user's home.
    Path cache = home.resolve(".cache");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"),
        NoNetworkTest.class.getName(), TestModels.GENAI.toString());
    pb.environment().remove("DJL_OFFLINE");
    pb.environment().remove("OPT_OUT_TRACKING");
    pb.environment().put("XDG_CACHE_HOME", cache.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("tokens="), out);
    assertTrue(out.contains("opened=[]"), out);
    assertTrue(cache.resolve("pith").resolve("native").toFile().isDirectory(),
        "the native library goes to Pith's cache folder");
  }
}
