package dev.pith.inference.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.inference.CancellationToken;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubAccessTest {
  @TempDir Path models;

  @Test
  void endpointAndTokenComeFromTheEnvironment() {
    HubAccess hub = HubAccess.fromEnvironment(
        Map.of("PITH_HF_ENDPOINT", "https://hf-mirror.example/", "HF_TOKEN", "t"));
    assertEquals(URI.create("https://hf-mirror.example"), hub.endpoint());
    assertEquals("t", hub.token());
    assertTrue(hub.isHub(URI.create("https://hf-mirror.example:443/org/m/resolve/main/x")));
    assertTrue(!hub.isHub(URI.create("https://cdn.example/x")));
    assertEquals(HubAccess.DEFAULT_ENDPOINT, HubAccess.fromEnvironment(Map.of()).endpoint());
    assertThrows(IllegalArgumentException.class,
        () -> HubAccess.fromEnvironment(Map.of("PITH_HF_ENDPOINT", "file:/x")));
  }

  @Test
  void proxyVariablesChooseTheProxyPerSchemeAndNoProxySkipsIt() {
    HubAccess hub = HubAccess.fromEnvironment(Map.of("https_proxy", "http://proxy.lan:3128", "HTTPS_PROXY",
        "http://ignored:1", "NO_PROXY", "localhost,.internal"));

    Proxy proxy = hub.proxy().select(URI.create("https://huggingface.co/x")).get(0);
    assertEquals(Proxy.Type.HTTP, proxy.type());
    assertEquals("proxy.lan", ((InetSocketAddress) proxy.address()).getHostString());
    assertEquals(3128, ((InetSocketAddress) proxy.address()).getPort());
    assertEquals(List.of(Proxy.NO_PROXY), hub.proxy().select(URI.create("https://models.internal/x")));
    assertEquals(List.of(Proxy.NO_PROXY), hub.proxy().select(URI.create("https://localhost/x")));
  }

  @Test
  void downloadsGoThroughTheProxyFromTheEnvironment() throws Exception {
    try (FileServer proxy = FileServer.start()) {
      TinyModel.serve(proxy, "/tiny/");
      HubAccess hub = HubAccess.fromEnvironment(Map.of("HTTP_PROXY", proxy.base().toString()));
      // The model's host does not exist: only a proxy can answer for it.
      CatalogEntry entry = TinyModel.catalog("tiny", true, true, s -> s.put("base_url", "http://models.invalid/tiny/"),
          f -> { }).models().get(0);

      InstalledModel model = new ModelStore(models, ModelPullTest.fast(hub)).pull(entry, PullListener.NONE,
          new CancellationToken());

      assertArrayEquals(TinyModel.contents().get("model.onnx"), Files.readAllBytes(model.dir().resolve("model.onnx")));
      assertEquals(TinyModel.FILES.size(), proxy.requests.size());
    }
  }
}
